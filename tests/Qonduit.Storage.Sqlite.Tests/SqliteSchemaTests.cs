using Microsoft.Data.Sqlite;
using Qonduit.Circuits;

namespace Qonduit.Storage.Sqlite.Tests;

public sealed class SqliteSchemaTests
{
    [Fact]
    public void A_new_database_is_migrated_to_the_latest_version_in_wal_mode()
    {
        using var db = new TempDatabase();
        using var connection = new SqliteConnection($"Data Source={db.Path}");
        connection.Open();
        Assert.Equal(SqliteSchema.Latest, SqliteSchema.CurrentVersion(connection));
        using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", mode.ExecuteScalar());
        Assert.Empty(SqliteSchema.Migrate(connection));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused()
    {
        using var db = new TempDatabase();
        using (var connection = new SqliteConnection($"Data Source={db.Path};Pooling=false"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = $"PRAGMA user_version = {SqliteSchema.Latest + 1}";
            bump.ExecuteNonQuery();
            var error = Assert.Throws<QonduitException>(() => SqliteSchema.Migrate(connection));
            Assert.Equal("store.schema-too-new", error.Code);
        }
    }
}
