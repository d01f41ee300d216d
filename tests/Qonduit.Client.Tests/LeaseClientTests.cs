using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Devices.Generators;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Client.Tests;

/// <summary>The lease primitives of <see cref="QonduitClient"/> against the real control plane in process.</summary>
public sealed class LeaseClientTests : IAsyncLifetime
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";
    private readonly InMemoryControlPlaneStore _store = new();
    private InProcessServer _factory = null!;
    private QonduitClient _alice = null!;
    private QonduitClient _bob = null!;

    public async Task InitializeAsync()
    {
        _factory = await InProcessServer.StartAsync(s =>
        {
            s.AddSingleton<IControlPlaneStore>(_store);
            s.Configure<ServerOptions>(o => o.SeedBundledDevices = false);
        });
        var admin = await ClientAsync("admin", ApiKeyRole.Admin);
        _alice = await ClientAsync("alice", ApiKeyRole.User);
        _bob = await ClientAsync("bob", ApiKeyRole.User);
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 2, Name: "line3"));
        await admin.RegisterDeviceAsync("line3", DeviceRegistrationRequest.FromSnapshot(line, lanes: 1));
    }

    private async Task<QonduitClient> ClientAsync(string name, ApiKeyRole role)
    {
        var (_, secret) = await ApiKeys.CreateAsync(_store, name, role, DateTimeOffset.UtcNow);
        return new QonduitClient(_factory.CreateClient(), secret);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Acquire_spend_renew_and_release_a_lease()
    {
        var lease = await _alice.AcquireLeaseAsync("line3", new AcquireLeaseRequest("notebook", TtlSeconds: 60));
        Assert.Equal(("line3", 0, "notebook"), (lease.Device, lease.Lane, lease.Holder));
        var task = await _alice.SubmitAsync(new SubmitTaskRequest("line3", Bell, null, 10, LeaseToken: lease.Token));
        Assert.Equal(lease.LeaseId, task.LeaseId);

        var renewed = await _alice.RenewLeaseAsync(lease.Token, 600);
        Assert.True(renewed.ExpiresAt > lease.ExpiresAt);
        var info = await _alice.GetLeaseAsync(lease.Token);
        Assert.Equal((LeaseState.Active, 1, 10L), (info.State, info.Tasks, info.Shots));
        var device = await _bob.GetDeviceLeasesAsync("line3");
        Assert.Equal((1, 1, lease.LeaseId), (device.Lanes, device.LanesInUse, Assert.Single(device.Leases).LeaseId));
        Assert.Equal((1, 1, 1L), (await _bob.ListDevicesAsync()).Select(d => (d.Lanes, d.LanesInUse, d.QueueDepth)).Single());

        await _alice.ReleaseLeaseAsync(lease.Token);
        await _alice.ReleaseLeaseAsync(lease.Token);
        Assert.Equal(LeaseState.Released, (await _alice.GetLeaseAsync(lease.LeaseId.ToString())).State);
    }

    [Fact]
    public async Task Refusals_carry_the_lease_codes()
    {
        var lease = await _alice.AcquireLeaseAsync("line3");
        var busy = await Assert.ThrowsAsync<QonduitApiException>(() => _bob.AcquireLeaseAsync("line3"));
        Assert.Equal((ErrorCodes.Lease.Unavailable, HttpStatusCode.Conflict), (busy.Code, busy.Status));
        var foreign = await Assert.ThrowsAsync<QonduitApiException>(() => _bob.RenewLeaseAsync(lease.Token));
        Assert.Equal((ErrorCodes.Lease.NotFound, HttpStatusCode.NotFound), (foreign.Code, foreign.Status));
    }
}
