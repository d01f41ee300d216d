using Qonduit.Storage.Artifacts;

namespace Qonduit.Tests.Shared.Storage;

/// <summary>The adapters of the artifact store port: tests that hold for both take one as theory data.</summary>
public enum ArtifactStoreKind
{
    InMemory,
    File,
}

/// <summary>A fresh artifact store of the given kind on <paramref name="time"/>; a file store lives in a temporary folder deleted afterwards.</summary>
public sealed class TestArtifactStore : IDisposable
{
    public TestArtifactStore(ArtifactStoreKind kind, TimeProvider time, long maxBytes = ArtifactIngest.DefaultMaxBytes)
    {
        if (kind == ArtifactStoreKind.InMemory)
        {
            Store = new InMemoryArtifactStore(time, maxBytes);
            return;
        }
        Root = Directory.CreateTempSubdirectory("qonduit-artifacts-").FullName;
        Store = new FileArtifactStore(Root, time, maxBytes);
    }

    public IArtifactStore Store { get; }

    /// <summary>The file store's folder; null for the in-memory store.</summary>
    public string? Root { get; }

    public void Dispose()
    {
        if (Store is IDisposable disposable) disposable.Dispose();
        if (Root is not null) Directory.Delete(Root, recursive: true);
    }
}
