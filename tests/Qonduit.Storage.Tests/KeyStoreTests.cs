namespace Qonduit.Storage.Tests;

/// <summary>Both adapters count the active keys of a role alike (the last admin key is judged by this count).</summary>
public sealed class KeyStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ApiKeyRecord Key(string name, ApiKeyRole role) => new($"key_{name}", name, name, role, $"hash-{name}", Now);

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Only_active_keys_of_the_role_are_counted(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var counts = await store.Store.WriteAsync(w =>
        {
            w.InsertKey(Key("root", ApiKeyRole.Admin));
            w.InsertKey(Key("ops", ApiKeyRole.Admin));
            w.InsertKey(Key("alice", ApiKeyRole.User));
            var before = w.CountActiveKeys(ApiKeyRole.Admin);
            w.SaveKey(Key("ops", ApiKeyRole.Admin) with { RevokedAt = Now });
            return (before, w.CountActiveKeys(ApiKeyRole.Admin), w.CountActiveKeys(ApiKeyRole.User), w.CountActiveKeys(ApiKeyRole.Agent));
        });

        Assert.Equal((2, 1, 1, 0), counts);
    }
}
