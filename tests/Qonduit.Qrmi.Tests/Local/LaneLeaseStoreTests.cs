using Qonduit.Qrmi.Local;
using Qonduit.Tests.Shared;

namespace Qonduit.Qrmi.Tests.Local;

public sealed class LaneLeaseStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _clock = new();

    private LaneLeaseStore Store(int lanes = 1) => new(_dir.Path, "sim", lanes, _clock);

    private static LeaseRequest Request(bool exclusive = false, int ttlSeconds = 60) =>
        new() { Holder = "test", Ttl = TimeSpan.FromSeconds(ttlSeconds), Exclusive = exclusive };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_one_lane_device_grants_one_lease_and_refuses_the_next()
    {
        var first = await Store().AcquireAsync(Request());
        var e = await Assert.ThrowsAsync<LeaseUnavailableException>(() => Store().AcquireAsync(Request()));
        Assert.Equal("lease.unavailable", e.Code);
        Assert.Equal(0, first.Lane);
    }

    [Fact]
    public async Task Concurrent_acquirers_of_one_lane_get_exactly_one_lease()
    {
        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store().TryAcquireAsync(Request())));
        var granted = (await Task.WhenAll(attempts)).Count(l => l is not null);
        Assert.Equal(1, granted);
    }

    [Fact]
    public async Task Two_lanes_take_two_leases_on_different_lanes()
    {
        var store = Store(lanes: 2);
        var a = await store.AcquireAsync(Request());
        var b = await store.AcquireAsync(Request());
        Assert.NotEqual(a.Lane, b.Lane);
        Assert.Null(await store.TryAcquireAsync(Request()));
    }

    [Fact]
    public async Task An_exclusive_lease_needs_and_holds_every_lane()
    {
        var store = Store(lanes: 2);
        var one = await store.AcquireAsync(Request());
        Assert.Null(await store.TryAcquireAsync(Request(exclusive: true)));
        await store.ReleaseAsync(one.Token);
        await store.AcquireAsync(Request(exclusive: true));
        Assert.Null(await store.TryAcquireAsync(Request()));
        Assert.Equal(2, LaneLeaseStore.LanesInUse(await store.ActiveAsync(), 2));
    }

    [Fact]
    public async Task Release_frees_the_lane_and_is_idempotent()
    {
        var store = Store();
        var lease = await store.AcquireAsync(Request());
        await store.ReleaseAsync(lease.Token);
        await store.ReleaseAsync(lease.Token);
        await store.ReleaseAsync("lt_never_issued");
        Assert.NotNull(await store.TryAcquireAsync(Request()));
    }

    [Fact]
    public async Task A_holder_that_never_releases_loses_the_lane_at_its_ttl()
    {
        var lease = await Store().AcquireAsync(Request(ttlSeconds: 30));
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await Store().FindAsync(lease.Token));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Store().FindAsync(lease.Token));
        Assert.NotNull(await Store().TryAcquireAsync(Request()));
    }

    [Fact]
    public async Task Renewal_extends_an_active_lease_but_never_revives_an_expired_one()
    {
        var store = Store();
        var lease = await store.AcquireAsync(Request(ttlSeconds: 30));
        _clock.Advance(TimeSpan.FromSeconds(20));
        var renewed = await store.RenewAsync(lease.Token, TimeSpan.FromSeconds(30));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(30), renewed.ExpiresAt);
        _clock.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<LeaseNotFoundException>(() => store.RenewAsync(lease.Token, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Waiting_acquire_gets_the_lane_once_the_holder_releases()
    {
        var store = new LaneLeaseStore(_dir.Path, "sim", 1);
        var held = await store.AcquireAsync(Request());
        var waiting = store.AcquireAsync(new LeaseRequest { Holder = "second", Ttl = TimeSpan.FromMinutes(1), Wait = TimeSpan.FromMinutes(1) });
        Assert.False(waiting.IsCompleted);
        await store.ReleaseAsync(held.Token);
        Assert.Equal("second", (await waiting).Holder);
    }
}
