using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Devices;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Leases;

/// <summary>Leases seen from outside: device listings, lanes set by admins, the event stream and /metrics.</summary>
public sealed class LeaseVisibilityTests
{
    [Fact]
    public async Task The_devices_lease_listing_shows_lanes_use_queue_and_active_leases_without_tokens()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync(holder: "slurm:job:7");
        await host.SubmitAsync(host.Bob);

        using var response = await host.Agent.GetAsync("/v1/devices/line5/leases");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(lease.Token, text, StringComparison.Ordinal);
        var listing = JsonSerializer.Deserialize<DeviceLeasesView>(text, JsonSerializerOptions.Web)!;
        Assert.Equal(("line5", 1, 1, 1L), (listing.Device, listing.Lanes, listing.LanesInUse, listing.QueueDepth));
        var active = Assert.Single(listing.Leases);
        Assert.Equal((lease.LeaseId, "slurm:job:7", 0), (active.LeaseId, active.Holder, active.Lane));

        var entry = Assert.Single((await host.Bob.GetFromJsonAsync<List<DeviceListEntry>>("/v1/devices"))!);
        Assert.Equal((1, 1, 1L), (entry.Lanes, entry.LanesInUse, entry.QueueDepth));
    }

    [Fact]
    public async Task Admins_set_lanes_at_registration_and_by_patch_and_each_change_is_a_version()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var put = await host.Admin.PutAsJsonAsync("/v1/devices/grid4", new { generator = new { family = "grid", qubits = 4 }, lanes = 3 });
        await Expect.StatusAsync(put, 201);
        Assert.Equal(3, (await put.Content.ReadFromJsonAsync<DeviceChangeView>())!.Lanes);
        Assert.Equal(3, (await host.Alice.DeviceLeasesAsync("grid4")).Lanes);

        var patched = (await (await host.Admin.PatchAsJsonAsync("/v1/devices/grid4", new { lanes = 2 })).Content.ReadFromJsonAsync<DeviceChangeView>())!;
        Assert.Equal((2, 2, true), (patched.Version, patched.Lanes, patched.Changed));
        var reput = await host.Admin.PutAsJsonAsync("/v1/devices/grid4", new { generator = new { family = "grid", qubits = 4 } });
        Assert.Equal(2, (await reput.Content.ReadFromJsonAsync<DeviceChangeView>())!.Lanes);
        await Expect.ProblemAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/grid4", new { lanes = 0 }), 400, "device.invalid-lanes");
    }

    [Fact]
    public async Task Lease_events_carry_the_lease_but_never_its_token_and_only_its_tenant_sees_them()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 60);
        await host.Alice.RenewAsync(lease.Token, 120);
        await host.Alice.ReleaseAsync(lease.Token);

        var events = host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["lease.*"]), 10);
        Assert.Equal(["lease.acquired", "lease.renewed", "lease.released"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.DoesNotContain(lease.Token, e.Data, StringComparison.Ordinal));
        var data = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal(lease.LeaseId, data.GetProperty("leaseId").GetGuid());
        Assert.Equal(("line5", "alice", 0, false), (data.GetProperty("device").GetString(), data.GetProperty("holder").GetString(),
            data.GetProperty("lane").GetInt32(), data.GetProperty("exclusive").GetBoolean()));
        Assert.Empty(host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["lease.*"], Tenant: "bob"), 10));
    }

    [Fact]
    public async Task Metrics_show_lanes_lanes_in_use_and_lease_outcomes_per_device()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 10);
        await host.Bob.TryAcquireAsync();
        var held = await host.Alice.GetStringAsync("/metrics");
        Assert.Contains("qonduit_device_lanes{device=\"line5\"} 1\n", held, StringComparison.Ordinal);
        Assert.Contains("qonduit_device_lanes_in_use{device=\"line5\"} 1\n", held, StringComparison.Ordinal);
        Assert.Contains("qonduit_leases_total{device=\"line5\",outcome=\"granted\"} 1\n", held, StringComparison.Ordinal);
        Assert.Contains("qonduit_leases_total{device=\"line5\",outcome=\"unavailable\"} 1\n", held, StringComparison.Ordinal);

        await host.Alice.ReleaseAsync(lease.Token);
        await host.Alice.AcquireAsync(ttlSeconds: 10);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await host.Get<Qonduit.Server.Leases.LeaseBook>().SweepAsync();
        var after = await host.Alice.GetStringAsync("/metrics");
        Assert.Contains("qonduit_device_lanes_in_use{device=\"line5\"} 0\n", after, StringComparison.Ordinal);
        Assert.Contains("qonduit_leases_total{device=\"line5\",outcome=\"released\"} 1\n", after, StringComparison.Ordinal);
        Assert.Contains("qonduit_leases_total{device=\"line5\",outcome=\"expired\"} 1\n", after, StringComparison.Ordinal);
    }
}
