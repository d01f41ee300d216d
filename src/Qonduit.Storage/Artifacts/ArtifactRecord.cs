namespace Qonduit.Storage.Artifacts;

/// <summary>
/// A stored artifact, keyed by (<see cref="Owner"/>, <see cref="Digest"/>): the same bytes stored by two tenants are two
/// records, and neither sees the other's. Immutable but for <see cref="LastUsedAt"/>, which storing the bytes again or
/// reading them moves and retention reads.
/// </summary>
public sealed record ArtifactRecord
{
    public required string Digest { get; init; }

    public required string MediaType { get; init; }

    public required long Size { get; init; }

    /// <summary>The user (tenant) of the key that stored it.</summary>
    public required string Owner { get; init; }

    public ArtifactProducer? Producer { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUsedAt { get; init; }
}

/// <summary>The workflow step that produced an artifact; all optional, since a user may upload an input by hand.</summary>
public sealed record ArtifactProducer(string? Run, string? Node, int? Attempt);
