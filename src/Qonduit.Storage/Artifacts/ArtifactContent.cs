namespace Qonduit.Storage.Artifacts;

/// <summary>An artifact opened for reading: its record and its bytes; the caller disposes it.</summary>
public sealed class ArtifactContent(ArtifactRecord record, Stream content) : IDisposable, IAsyncDisposable
{
    public ArtifactRecord Record { get; } = record;

    public Stream Content { get; } = content;

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
