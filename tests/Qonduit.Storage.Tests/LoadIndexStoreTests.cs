namespace Qonduit.Storage.Tests;

/// <summary>Both adapters keep load-index declarations alike: a redeclaration replaces the old one and the catalogue version grows.</summary>
public sealed class LoadIndexStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LoadIndexRecord Declaration(string name, int intervalMs = 15_000) =>
        new(name, "numeric", intervalMs, true, false, "%", "utilisation", Now);

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_redeclaration_replaces_the_declaration_with_a_newer_version(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var first = await store.Store.WriteAsync(w => w.DeclareLoadIndex(Declaration("gpu_util")));
        await store.Store.WriteAsync(w => w.DeclareLoadIndex(Declaration("cpu_util")));
        var again = await store.Store.WriteAsync(w => w.DeclareLoadIndex(Declaration("gpu_util", 5_000)));

        Assert.Equal((1L, 3L), (first.Version, again.Version));
        Assert.Equal([("cpu_util", 15_000, 2L), ("gpu_util", 5_000, 3L)], store.Store.ListLoadIndices().Select(i => (i.Name, i.IntervalMs, i.Version)));
        Assert.Equal(Declaration("gpu_util", 5_000) with { Version = 3 }, store.Store.ListLoadIndices()[1]);
    }
}
