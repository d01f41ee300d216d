using System.Net.Http.Json;
using Qonduit.Server.Leases;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Leases;

/// <summary>
/// An acquisition with waitMs parks until a lane frees: woken by a release, or by the holder's TTL passing even
/// when no sweeper runs. The clock is manual, so nothing here depends on how fast the machine is.
/// </summary>
public sealed class LeaseWaitTests
{
    private static readonly TimeSpan NoSweep = TimeSpan.FromDays(1);

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_waiting_acquisition_is_woken_by_the_release_and_gets_the_lane(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var held = await host.Alice.AcquireAsync();
        var waiter = await ParkedAsync(host, () => host.Bob.TryAcquireAsync(waitMs: 60_000));

        await Expect.StatusAsync(await host.Alice.ReleaseAsync(held.Token), 204);
        var response = await waiter;
        await Expect.StatusAsync(response, 201);
        var granted = (await response.Content.ReadFromJsonAsync<LeaseGrantView>())!;
        Assert.Equal(0, granted.Lane);
        // The release's event comes before the grant's: the waiter was served by the release, not before it.
        var events = host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["lease.*"]), 10).Select(e => e.Type);
        Assert.Equal(["lease.acquired", "lease.released", "lease.acquired"], events);
    }

    [Fact]
    public async Task A_waiting_acquisition_gets_the_lane_when_the_holder_expires_without_any_sweep()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.LeaseSweepInterval = NoSweep);
        await host.Alice.AcquireAsync(ttlSeconds: 30);
        var waiter = await ParkedAsync(host, () => host.Bob.TryAcquireAsync(waitMs: 60_000));

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        await Expect.StatusAsync(await waiter, 201);
        var types = host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["lease.*"]), 10).Select(e => e.Type);
        Assert.Equal(["lease.acquired", "lease.expired", "lease.acquired"], types);
    }

    [Fact]
    public async Task A_waiting_acquisition_is_refused_when_its_wait_ends_first()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.Alice.AcquireAsync(ttlSeconds: 3600);
        var waiter = await ParkedAsync(host, () => host.Bob.TryAcquireAsync(waitMs: 2_000));

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await Expect.ProblemAsync(await waiter, 409, "lease.unavailable");
        Assert.Equal(1, refused.GetProperty("lanesInUse").GetInt32());
    }

    [Fact]
    public async Task An_expired_lease_stops_counting_at_its_ttl_whether_or_not_a_sweeper_ran()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.LeaseSweepInterval = NoSweep);
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 10);
        host.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, (await host.Bob.DeviceLeasesAsync()).LanesInUse);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await host.Bob.DeviceLeasesAsync()).LanesInUse);
        Assert.Equal(LeaseState.Expired, (await host.Alice.LeaseAsync(lease.Token)).State);
        Assert.Equal(0, (await host.Bob.AcquireAsync()).Lane);
    }

    [Fact]
    public async Task The_sweeper_announces_an_expiry_once()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.LeaseSweepInterval = NoSweep);
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 10);
        var book = host.Get<LeaseBook>();
        Assert.Equal(0, await book.SweepAsync());
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await book.SweepAsync());
        Assert.Equal(0, await book.SweepAsync());
        var expired = Assert.Single(host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["lease.expired"]), 10));
        Assert.Contains(lease.LeaseId.ToString(), expired.Data, StringComparison.Ordinal);
        Assert.DoesNotContain(lease.Token, expired.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raising_a_devices_lanes_wakes_a_waiting_acquisition()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.Alice.AcquireAsync();
        var waiter = await ParkedAsync(host, () => host.Bob.TryAcquireAsync(waitMs: 60_000));

        await Expect.StatusAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new { lanes = 2 }), 200);
        var response = await waiter;
        await Expect.StatusAsync(response, 201);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<LeaseGrantView>())!.Lane);
    }

    /// <summary>Starts the acquisition and returns once it has looked, found no lane and parked on its timed wait.</summary>
    private static async Task<Task<HttpResponseMessage>> ParkedAsync(ControlPlaneHost host, Func<Task<HttpResponseMessage>> start)
    {
        var before = host.Clock.PendingTimers;
        var acquisition = start();
        await Eventually.TrueAsync(() => host.Clock.PendingTimers > before || acquisition.IsCompleted, "the acquisition to park");
        Assert.False(acquisition.IsCompleted, "the acquisition should wait for a lane");
        return acquisition;
    }
}
