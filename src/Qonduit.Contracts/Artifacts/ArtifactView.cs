namespace Qonduit.Contracts.Artifacts;

/// <summary>
/// `GET /v1/artifacts/{digest}/meta`: an artifact's record. <see cref="Digest"/> is `sha256:` and the 64 lowercase hex digits
/// of the content's SHA-256, its address; <see cref="Owner"/> the user whose key stored it; <see cref="Producer"/> the graph
/// step that made it, absent for an upload by hand.
/// </summary>
public sealed record ArtifactView(
    string Digest,
    string MediaType,
    long Size,
    string Owner,
    ArtifactProducerView? Producer,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUsedAt);

/// <summary>The step that produced an artifact: its run, its node in the run's graph and the attempt; each may be absent.</summary>
public sealed record ArtifactProducerView(string? Run, string? Node, int? Attempt);

/// <summary>`GET /v1/artifacts`: a page of the caller's artifacts in digest order; pass <see cref="NextCursor"/> as `cursor` for the next.</summary>
public sealed record ArtifactPage(IReadOnlyList<ArtifactView> Items, string? NextCursor);
