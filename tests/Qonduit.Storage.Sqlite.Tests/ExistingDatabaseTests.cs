using Microsoft.Data.Sqlite;
using Qonduit.Circuits;

namespace Qonduit.Storage.Sqlite.Tests;

/// <summary>`ExistingOnly` (the offline `--db` of `qonduit keys`): a wrong path is refused, never turned into a new database.</summary>
public sealed class ExistingDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qonduit-existing-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static SqliteControlPlaneStore Open(string path) => new(new SqliteStoreOptions(path) { ExistingOnly = true });

    [Fact]
    public void A_missing_file_is_refused_and_nothing_is_created()
    {
        var path = Path.Combine(_folder, "missing", "q.db");

        var error = Assert.Throws<QonduitException>(() => Open(path));

        Assert.Equal("store.no-database", error.Code);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void A_file_that_is_not_sqlite_or_an_sqlite_file_without_the_schema_is_refused_and_left_as_it_was()
    {
        var text = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(text, "not a database, but long enough to have a header of its own; SQLite reads the first 100 bytes of it....");
        var foreign = Path.Combine(_folder, "other.db");
        using (var connection = new SqliteConnection($"Data Source={foreign}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE notes (body TEXT)";
            command.ExecuteNonQuery();
        }
        var foreignBytes = File.ReadAllBytes(foreign);

        Assert.Equal("store.no-database", Assert.Throws<QonduitException>(() => Open(text)).Code);
        Assert.Equal("store.no-database", Assert.Throws<QonduitException>(() => Open(foreign)).Code);
        Assert.StartsWith("not a database", File.ReadAllText(text), StringComparison.Ordinal);
        Assert.Equal(foreignBytes, File.ReadAllBytes(foreign));
    }

    [Fact]
    public async Task A_qonduit_database_opens_beside_the_store_that_created_it_and_both_see_each_others_writes()
    {
        var path = Path.Combine(_folder, "q.db");
        using var server = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
        using var offline = Open(path);

        await offline.WriteAsync(w =>
        {
            w.InsertKey(new ApiKeyRecord("key_1", "alice", "alice", ApiKeyRole.User, "hash", DateTimeOffset.UnixEpoch));
            return 0;
        });

        Assert.Equal("alice", Assert.Single(server.ListKeys()).Name);
    }
}
