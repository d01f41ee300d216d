using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Tests.Shared.Storage;

/// <summary>A fresh store of the given kind; a SQLite one lives in a temporary file deleted afterwards.</summary>
public sealed class TestStore : IDisposable
{
    private readonly string? _path;

    public TestStore(StoreKind kind)
    {
        if (kind == StoreKind.InMemory)
        {
            Store = new InMemoryControlPlaneStore();
            return;
        }
        _path = Path.Combine(Path.GetTempPath(), $"qonduit-store-{Guid.NewGuid():N}.db");
        Store = new SqliteControlPlaneStore(new SqliteStoreOptions(_path));
    }

    public IControlPlaneStore Store { get; }

    public void Dispose()
    {
        if (Store is IDisposable disposable) disposable.Dispose();
        if (_path is null) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }
}
