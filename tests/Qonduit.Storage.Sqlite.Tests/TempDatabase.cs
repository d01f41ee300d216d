namespace Qonduit.Storage.Sqlite.Tests;

/// <summary>A store on a fresh temporary file, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase() => Store = new SqliteControlPlaneStore(new SqliteStoreOptions(Path));

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"qonduit-store-{Guid.NewGuid():N}.db");

    public SqliteControlPlaneStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(Path + suffix);
    }
}
