using System.Net.Http.Json;
using Qonduit.Server.Leases;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Leases;

/// <summary>docs/leases.md: acquire, renew, release and inspect, with every refusal's code.</summary>
public sealed class LeasesApiTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Acquire_grants_lane_0_with_a_token_and_a_second_lease_of_a_one_lane_device_is_unavailable(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var response = await host.Alice.TryAcquireAsync(ttlSeconds: 600, holder: "slurm:job:42");
        await Expect.StatusAsync(response, 201);
        var lease = (await response.Content.ReadFromJsonAsync<LeaseGrantView>())!;
        Assert.Equal($"/v1/leases/{lease.LeaseId}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("lt_", lease.Token, StringComparison.Ordinal);
        Assert.Equal(("line5", 0, false, "slurm:job:42"), (lease.Device, lease.Lane, lease.Exclusive, lease.Holder));
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(600), lease.ExpiresAt);

        var refused = await Expect.ProblemAsync(await host.Bob.TryAcquireAsync(), 409, "lease.unavailable");
        Assert.Equal("protocol", refused.GetProperty("origin").GetString());
        Assert.Equal("line5", refused.GetProperty("device").GetString());
        Assert.Equal((1, 1), (refused.GetProperty("lanes").GetInt32(), refused.GetProperty("lanesInUse").GetInt32()));
    }

    [Fact]
    public async Task The_holder_defaults_to_the_key_name_and_the_ttl_to_an_hour()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync();
        Assert.Equal("alice", lease.Holder);
        Assert.Equal(host.Clock.GetUtcNow().AddHours(1), lease.ExpiresAt);
    }

    [Fact]
    public async Task Each_lane_takes_one_lease_and_an_exclusive_lease_takes_them_all()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new { lanes = 2 }), 200);
        var first = await host.Alice.AcquireAsync();
        var second = await host.Bob.AcquireAsync();
        Assert.Equal([0, 1], new[] { first.Lane, second.Lane });
        await Expect.ProblemAsync(await host.Alice.TryAcquireAsync(), 409, "lease.unavailable");
        await Expect.ProblemAsync(await host.Alice.TryAcquireAsync(exclusive: true), 409, "lease.unavailable");

        await host.Alice.ReleaseAsync(first.Token);
        await host.Bob.ReleaseAsync(second.Token);
        var exclusive = await host.Alice.AcquireAsync(exclusive: true);
        Assert.Equal((0, true), (exclusive.Lane, exclusive.Exclusive));
        Assert.Equal(2, (await host.Bob.DeviceLeasesAsync()).LanesInUse);
        await Expect.ProblemAsync(await host.Bob.TryAcquireAsync(), 409, "lease.unavailable");
    }

    [Fact]
    public async Task Renew_moves_the_expiry_to_now_plus_the_ttl_and_repeats_the_leases_own_ttl_without_one()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 100);
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        var renewed = (await (await host.Alice.RenewAsync(lease.Token, 300)).Content.ReadFromJsonAsync<LeaseGrantView>())!;
        Assert.Equal((lease.LeaseId, lease.Token), (renewed.LeaseId, renewed.Token));
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(300), renewed.ExpiresAt);

        using var empty = await host.Alice.PostAsync($"/v1/leases/{lease.Token}/renew", null);
        await Expect.StatusAsync(empty, 200);
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(300), (await empty.Content.ReadFromJsonAsync<LeaseGrantView>())!.ExpiresAt);
    }

    [Fact]
    public async Task Release_frees_the_lane_and_succeeds_again_for_released_expired_and_unknown_tokens()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync(ttlSeconds: 10);
        await Expect.StatusAsync(await host.Alice.ReleaseAsync(lease.Token), 204);
        await Expect.StatusAsync(await host.Alice.ReleaseAsync(lease.Token), 204);
        await Expect.StatusAsync(await host.Alice.ReleaseAsync("lt_unknown"), 204);
        Assert.Equal(LeaseState.Released, (await host.Alice.LeaseAsync(lease.Token)).State);

        var next = await host.Bob.AcquireAsync(ttlSeconds: 10);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await Expect.StatusAsync(await host.Bob.ReleaseAsync(next.Token), 204);
        Assert.Equal(LeaseState.Expired, (await host.Bob.LeaseAsync(next.Token)).State);
    }

    [Fact]
    public async Task A_released_or_expired_lease_is_never_renewed()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var released = await host.Alice.AcquireAsync();
        await host.Alice.ReleaseAsync(released.Token);
        await Expect.ProblemAsync(await host.Alice.RenewAsync(released.Token), 404, "lease.not-found");

        var expired = await host.Alice.AcquireAsync(ttlSeconds: 5);
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await Expect.ProblemAsync(await host.Alice.RenewAsync(expired.Token, 60), 404, "lease.not-found");
        await Expect.ProblemAsync(await host.Alice.RenewAsync("lt_unknown"), 404, "lease.not-found");
    }

    [Fact]
    public async Task Another_tenant_can_neither_see_renew_nor_release_a_lease_but_an_admin_can()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync();
        await Expect.ProblemAsync(await host.Bob.RenewAsync(lease.Token), 404, "lease.not-found");
        await Expect.ProblemAsync(await host.Bob.ReleaseAsync(lease.Token), 404, "lease.not-found");
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/leases/{lease.Token}"), 404, "lease.not-found");
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/leases/{lease.LeaseId}"), 404, "lease.not-found");
        Assert.Equal(LeaseState.Active, (await host.Alice.LeaseAsync(lease.LeaseId.ToString())).State);

        Assert.Equal("alice", (await host.Admin.LeaseAsync(lease.LeaseId.ToString())).Tenant);
        await Expect.StatusAsync(await host.Admin.ReleaseAsync(lease.Token), 204);
        Assert.Equal(LeaseState.Released, (await host.Alice.LeaseAsync(lease.Token)).State);
    }

    [Theory]
    [InlineData("""{"ttlSeconds": 0}""", 400, "lease.invalid-ttl")]
    [InlineData("""{"ttlSeconds": 604801}""", 400, "lease.invalid-ttl")]
    [InlineData("""{"waitMs": -1}""", 400, "lease.invalid-wait")]
    [InlineData("""{"ttlSeconds": "soon"}""", 400, "request.invalid")]
    public async Task Bad_acquisitions_are_typed_400s(string body, int status, string code)
    {
        await using var host = await ControlPlaneHost.StartAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await Expect.ProblemAsync(await host.Alice.PostAsync("/v1/devices/line5/leases", content), status, code);
        await Expect.ProblemAsync(await host.Alice.TryAcquireAsync(holder: new string('h', 201)), 400, "lease.invalid-holder");
        await Expect.ProblemAsync(await host.Alice.RenewAsync((await host.Alice.AcquireAsync()).Token, 0), 400, "lease.invalid-ttl");
    }

    [Fact]
    public async Task An_unknown_device_is_a_404_for_acquire_and_listing()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Alice.TryAcquireAsync("nope"), 404, "device.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/devices/nope/leases"), 404, "device.not-found");
    }
}
