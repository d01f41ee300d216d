using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Devices.Generators;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Vqpu;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Qrmi.Tests.Vqpu;

/// <summary>The `qonduit-vqpu` resource against the real control plane in process: its leases are the server's leases.</summary>
public sealed class VqpuOnARealServerTests : IAsyncLifetime
{
    private readonly InMemoryControlPlaneStore _store = new();
    private readonly ShiftedClock _clock = new();
    private InProcessServer _factory = null!;
    private HttpClient _http = null!;
    private string _alice = null!;

    public async Task InitializeAsync()
    {
        _factory = await InProcessServer.StartAsync(s =>
        {
            s.AddSingleton<IControlPlaneStore>(_store);
            s.AddSingleton<TimeProvider>(_clock);
            s.Configure<ServerOptions>(o => o.SeedBundledDevices = false);
        });
        _http = _factory.CreateClient();
        (_, _alice) = await ApiKeys.CreateAsync(_store, "alice", ApiKeyRole.User, _clock.GetUtcNow());
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 4, Seed: 1, Name: "fez"));
        await _factory.Services.GetRequiredService<DeviceRegistry>().RegisterAsync("fez", line, "test");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _factory.DisposeAsync();
    }

    private QonduitVqpuResource Resource() => new(new ResourceDefinition("fez", ResourceTypes.QonduitVqpu, new Dictionary<string, string>
    {
        [QonduitVqpuResource.UrlKey] = _http.BaseAddress!.ToString(),
        [QonduitVqpuResource.ApiKeyKey] = _alice,
    }), _http);

    [Fact]
    public async Task Acquire_then_a_waiting_second_acquire_is_unavailable_and_after_release_it_succeeds()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest { Holder = "slurm:job:9", Ttl = TimeSpan.FromMinutes(10) });
        Assert.Equal(("fez", 0, "slurm:job:9"), (lease.Device, lease.Lane, lease.Holder));
        Assert.Equal(1, (await Resource().MetricsAsync()).LanesInUse);

        var busy = await Assert.ThrowsAsync<LeaseUnavailableException>(() => Resource().AcquireAsync(new LeaseRequest { Wait = TimeSpan.FromMilliseconds(200) }));
        Assert.Equal(("lease.unavailable", "fez"), (busy.Code, busy.Resource));

        await Resource().ReleaseAsync(lease.Token);
        await Resource().ReleaseAsync(lease.Token);
        Assert.Equal(0, (await Resource().MetricsAsync()).LanesInUse);
        var next = await Resource().AcquireAsync(new LeaseRequest());
        Assert.NotEqual(lease.Token, next.Token);
    }

    [Fact]
    public async Task A_lease_past_its_ttl_frees_the_lane_and_cannot_be_renewed()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest { Ttl = TimeSpan.FromSeconds(30) });
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => Resource().AcquireAsync(new LeaseRequest()));
        _clock.Advance(TimeSpan.FromSeconds(30));

        await Resource().AcquireAsync(new LeaseRequest());
        await Assert.ThrowsAsync<LeaseNotFoundException>(() => Resource().RenewAsync(lease.Token, null));
    }

    [Fact]
    public async Task Tasks_started_with_the_jobs_token_are_accounted_to_the_lease()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest());
        var id = await Resource().TaskStartAsync(TaskPayload.FromQasm("OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\n", 25) with { LeaseToken = lease.Token });
        Assert.Equal(QuantumTaskStatus.Queued, await Resource().TaskStatusAsync(id));
        var stored = _store.FindLease(LeaseTokens.Hash(lease.Token))!;
        Assert.Equal((1, 25L), (stored.Tasks, stored.Shots));
        Assert.Equal(stored.Id, _store.GetTask(Guid.Parse(id))!.LeaseId);
    }

    [Fact]
    public async Task A_trajectory_budget_travels_with_the_task_to_the_control_plane()
    {
        var id = await Resource().TaskStartAsync(TaskPayload.FromQasm("OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\n", 25) with { Trajectories = 8 });
        Assert.Equal(8, _store.GetTask(Guid.Parse(id))!.Trajectories);
    }

    /// <summary>Real time shifted by hand: timers run for real, and a test can jump past a TTL.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
