namespace Qonduit.Storage.Artifacts;

/// <summary>The content passed the store's size limit while it was read; nothing of it was kept.</summary>
public sealed class ArtifactTooLargeException(long limit)
    : Exception($"the content is larger than the artifact size limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
