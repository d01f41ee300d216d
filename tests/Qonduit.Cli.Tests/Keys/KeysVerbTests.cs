using Qonduit.Storage.Sqlite;

namespace Qonduit.Cli.Tests.Keys;

/// <summary>`qonduit keys` offline (`--db`): only on an existing database, never making one. Against a server: CliAgainstServeTests.</summary>
public sealed class KeysVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qonduit-keys-").FullName;

    private string Database => Path.Combine(_folder, "q.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>What `qonduit serve` leaves on its first start: the schema, no key yet.</summary>
    private void ServerDatabase()
    {
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(Database));
    }

    [Fact]
    public void A_key_is_created_for_a_named_user_and_without_one_it_is_its_own_user_as_before()
    {
        ServerDatabase();

        var own = QonduitProcess.Run("keys", "create", "--role", "user", "--name", "alice", "--db", Database);
        var second = QonduitProcess.Run("keys", "create", "alice-laptop", "--user", "alice", "--role", "user", "--db", Database);

        Assert.Equal(0, own.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.StartsWith("qk_", second.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Contains("of user 'alice'", second.Stderr, StringComparison.Ordinal);
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(Database));
        Assert.Equal([("alice", "alice"), ("alice-laptop", "alice")], store.ListKeys().Select(k => (k.Name, k.User)).Order());
        Assert.Equal(["alice"], store.ListUsers().Select(u => u.Name));
        Assert.Contains("user alice", QonduitProcess.Run("keys", "list", "--db", Database).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_db_path_without_a_qonduit_database_is_refused_for_every_verb_and_no_database_is_made()
    {
        var notes = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(notes, "a file that merely has the wrong name: long enough for SQLite to read a header of it, and not one.");

        var outcomes = new[]
        {
            QonduitProcess.Run("keys", "create", "--role", "admin", "--name", "root", "--db", Database),
            QonduitProcess.Run("keys", "list", "--db", Database),
            QonduitProcess.Run("keys", "revoke", "root", "--db", Database),
            QonduitProcess.Run("keys", "bind-agent", "root", "agent-1", "--db", Database),
            QonduitProcess.Run("keys", "create", "--role", "admin", "--name", "root", "--db", notes),
        };

        Assert.All(outcomes, o =>
        {
            Assert.Equal(1, o.ExitCode);
            Assert.Contains("error [store.no-database]", o.Stderr, StringComparison.Ordinal);
            Assert.Empty(o.Stdout);
        });
        Assert.Equal(["notes.txt"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_key_without_a_name_with_two_names_or_with_db_and_server_at_once_is_refused_before_anything_is_stored()
    {
        ServerDatabase();

        var unnamed = QonduitProcess.Run("keys", "create", "--role", "user", "--db", Database);
        var twice = QonduitProcess.Run("keys", "create", "alice", "--name", "bob", "--role", "user", "--db", Database);
        var both = QonduitProcess.Run("keys", "create", "alice", "--role", "user", "--db", Database, "--server", "http://127.0.0.1:9");

        Assert.NotEqual(0, unnamed.ExitCode);
        Assert.Contains("name the key", unnamed.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("two names given", twice.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("does not go with --server", both.Stderr, StringComparison.Ordinal);
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(Database));
        Assert.Empty(store.ListKeys());
    }

    [Fact]
    public void Without_db_the_verbs_ask_the_server_and_an_unreachable_one_is_the_usual_connection_error()
    {
        var outcome = QonduitProcess.Run("keys", "create", "--role", "user", "--name", "alice", "--server", "http://127.0.0.1:9", "--key", "qk_x");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error [client.unreachable]", outcome.Stderr, StringComparison.Ordinal);
    }
}
