using Qonduit.Storage.Sqlite;

namespace Qonduit.Cli.Tests.Keys;

public sealed class KeysVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qonduit-keys-").FullName;

    private string Database => Path.Combine(_folder, "q.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_key_is_created_for_a_named_user_and_without_one_it_is_its_own_user_as_before()
    {
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
    public void A_key_without_a_name_or_with_two_different_names_is_refused_before_anything_is_stored()
    {
        var unnamed = QonduitProcess.Run("keys", "create", "--role", "user", "--db", Database);
        var twice = QonduitProcess.Run("keys", "create", "alice", "--name", "bob", "--role", "user", "--db", Database);

        Assert.NotEqual(0, unnamed.ExitCode);
        Assert.Contains("name the key", unnamed.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, twice.ExitCode);
        Assert.Contains("two names given", twice.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }
}
