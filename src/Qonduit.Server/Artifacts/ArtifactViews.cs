using Qonduit.Contracts.Artifacts;
using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Artifacts;

/// <summary>How the API shows an artifact: the mapping from the stored record to the wire record of Qonduit.Contracts.</summary>
public static class ArtifactViews
{
    public static ArtifactView From(ArtifactRecord a) => new(
        a.Digest, a.MediaType, a.Size, a.Owner, a.Producer is { } p ? new ArtifactProducerView(p.Run, p.Node, p.Attempt) : null, a.CreatedAt, a.LastUsedAt);
}
