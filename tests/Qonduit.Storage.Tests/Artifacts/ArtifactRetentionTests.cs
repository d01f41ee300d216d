using System.Text;
using Qonduit.Storage.Artifacts;
using Qonduit.Tests.Shared;

namespace Qonduit.Storage.Tests.Artifacts;

/// <summary>Retention through the port's sweep, on both adapters: age since last use, then each owner's byte budget.</summary>
public sealed class ArtifactRetentionTests
{
    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task A_sweep_removes_what_was_unused_for_longer_than_the_age_and_keeps_what_was_used_since(ArtifactStoreKind kind)
    {
        var clock = new ManualTimeProvider();
        using var store = new TestArtifactStore(kind, clock);
        var stale = await store.Store.PutAsync("alice", Bytes("stale"), "text/plain", null);
        var read = await store.Store.PutAsync("alice", Bytes("read later"), "text/plain", null);
        var bobs = await store.Store.PutAsync("bob", Bytes("stale too"), "text/plain", null);

        clock.Advance(TimeSpan.FromDays(20));
        await (await store.Store.OpenAsync("alice", read.Digest))!.DisposeAsync();
        clock.Advance(TimeSpan.FromDays(11));
        var swept = await store.Store.SweepAsync(clock.GetUtcNow(), ArtifactRetention.Default);

        Assert.Equal(new ArtifactSweepResult(2, stale.Size + bobs.Size), swept);
        Assert.Null(store.Store.Get("alice", stale.Digest));
        Assert.Null(store.Store.Get("bob", bobs.Digest));
        Assert.NotNull(store.Store.Get("alice", read.Digest));
    }

    [Theory]
    [InlineData(ArtifactStoreKind.InMemory)]
    [InlineData(ArtifactStoreKind.File)]
    public async Task Over_its_byte_budget_an_owner_loses_its_least_recently_used_artifacts_first_and_others_keep_theirs(ArtifactStoreKind kind)
    {
        var clock = new ManualTimeProvider();
        using var store = new TestArtifactStore(kind, clock);
        var oldest = await store.Store.PutAsync("alice", new MemoryStream(new byte[400]), "application/octet-stream", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var middle = await store.Store.PutAsync("alice", new MemoryStream(new byte[401]), "application/octet-stream", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await store.Store.PutAsync("alice", new MemoryStream(new byte[402]), "application/octet-stream", null);
        var bobs = await store.Store.PutAsync("bob", new MemoryStream(new byte[900]), "application/octet-stream", null);
        clock.Advance(TimeSpan.FromMinutes(1));
        await store.Store.PutAsync("alice", new MemoryStream(new byte[400]), "application/octet-stream", null);

        var swept = await store.Store.SweepAsync(clock.GetUtcNow(), ArtifactRetention.Default with { MaxBytesPerOwner = 1000 });

        Assert.Equal(new ArtifactSweepResult(1, 401), swept);
        Assert.Equal(new[] { oldest.Digest, newest.Digest }.Order(StringComparer.Ordinal), store.Store.List(new ArtifactQuery("alice")).Items.Select(r => r.Digest));
        Assert.Null(store.Store.Get("alice", middle.Digest));
        Assert.NotNull(store.Store.Get("bob", bobs.Digest));
    }
}
