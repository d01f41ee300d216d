using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Agent.ControlPlane;
using Qonduit.Client.Primitives;
using Qonduit.Devices.Generators;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Client.Tests.Primitives;

/// <summary>
/// The .NET Sampler and Estimator against the real control plane in process, reached from a `--qpu` job's environment
/// alone; this test plays the agent, so it decides the counts the primitives read.
/// </summary>
public sealed class PrimitivesOnAControlPlaneTests : IAsyncLifetime
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    private const string BellState = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n";
    private readonly InMemoryControlPlaneStore _store = new();
    private InProcessServer _factory = null!;
    private string _aliceKey = null!;
    private QonduitClient _alice = null!;
    private HttpControlPlane _agent = null!;

    public async Task InitializeAsync()
    {
        _factory = await InProcessServer.StartAsync(s =>
        {
            s.AddSingleton<IControlPlaneStore>(_store);
            s.Configure<ServerOptions>(o => o.SeedBundledDevices = false);
        });
        var admin = new QonduitClient(_factory.CreateClient(), await KeyAsync("admin", ApiKeyRole.Admin));
        _aliceKey = await KeyAsync("alice", ApiKeyRole.User);
        _alice = new QonduitClient(_factory.CreateClient(), _aliceKey);
        var agentKey = await KeyAsync("agent", ApiKeyRole.Agent);
        _agent = new HttpControlPlane(_factory.CreateClient(), agentKey, "agent-1");
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 2, Name: "line3"));
        await admin.RegisterDeviceAsync("line3", DeviceRegistrationRequest.FromSnapshot(line, lanes: 1));
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_sampler_built_from_the_job_environment_alone_spends_the_jobs_lease_and_passes_its_trajectory_budget()
    {
        var lease = await _alice.AcquireLeaseAsync("line3", new AcquireLeaseRequest("slurm:job:7"));
        var service = QonduitService.FromJobEnvironment(JobEnvironment("fez", "line3", lease.Token), _factory.Server.CreateHandler());
        var device = Assert.Single(await service.ResourcesAsync());
        Assert.Equal(("fez", "line3"), (device.Name, device.Device));

        var sampling = new Sampler(device, seed: 5, trajectories: 64).RunAsync([new SamplerPub(Bell)], shots: 100);
        var work = await ClaimAndCompleteAsync(new() { ["00"] = 70, ["11"] = 30 });

        var result = Assert.Single(await sampling);
        Assert.Equal(new Dictionary<string, long> { ["00"] = 70, ["11"] = 30 }, result.Counts);
        Assert.Equal((100, 5L, 64), (work.Shots, work.Seed!.Value, work.Trajectories));
        Assert.Equal(lease.LeaseId, (await _alice.GetTaskAsync(Guid.Parse(result.Result.TaskId))).LeaseId);
    }

    [Fact]
    public async Task An_estimator_measures_each_term_in_its_basis_and_reads_the_parity()
    {
        var device = new QonduitService(_alice).Resource("line3");

        var estimating = new Estimator(device).RunAsync([new EstimatorPub(BellState, PauliObservable.Parse("0.5*XX + 2*II"))], shots: 100);
        // Odd parity in 20 shots of 100: <XX> = 0.6.
        var work = await ClaimAndCompleteAsync(new() { ["00"] = 50, ["11"] = 30, ["01"] = 20 });

        var estimate = Assert.Single(await estimating);
        Assert.Equal(0.5 * 0.6 + 2, estimate.Value, 9);
        Assert.EndsWith("creg qonduit_obs[2];\nh q[0];\nmeasure q[0] -> qonduit_obs[0];\nh q[1];\nmeasure q[1] -> qonduit_obs[1];\n",
            work.Circuit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_task_is_a_typed_error_naming_it()
    {
        var device = new QonduitService(_alice).Resource("line3");
        var sampling = new Sampler(device).RunAsync([new SamplerPub(Bell)]);
        var work = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.FromSeconds(10), default));
        await _agent.ReportFailedAsync("i-1", work.Task.Id, new TaskFailure(ErrorCodes.Runner.Crashed, FailureOrigins.Runner, "out of memory"), default);

        var e = await Assert.ThrowsAsync<SampledTaskFailedException>(() => sampling);
        Assert.Equal(("qrmi.task-failed", work.Task.Id), (e.Code, e.TaskId));
        Assert.Contains("out of memory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_environment_without_a_control_plane_resource_is_refused_with_the_reason()
    {
        var e = Assert.Throws<Circuits.QonduitException>(() => QonduitService.FromJobEnvironment(new Dictionary<string, string>
        {
            ["SLURM_JOB_QPU_RESOURCES"] = "sim",
            ["SLURM_JOB_QPU_TYPES"] = "local-simulator",
        }));
        Assert.Contains("sim: local-simulator", e.Message, StringComparison.Ordinal);
        Assert.Throws<Circuits.QonduitException>(() => QonduitService.FromJobEnvironment(new Dictionary<string, string>()));
    }

    /// <summary>What the Slurm plugin exports for one qonduit-vqpu resource (docs/architecture.md "QRMI").</summary>
    private Dictionary<string, string> JobEnvironment(string name, string device, string token) => new()
    {
        ["QRMI_JOB_QPU_RESOURCES"] = name,
        ["QRMI_JOB_QPU_TYPES"] = "qonduit-vqpu",
        [$"{name}_QRMI_QONDUIT_URL"] = _factory.Server.BaseAddress.ToString(),
        [$"{name}_QRMI_QONDUIT_API_KEY"] = _aliceKey,
        [$"{name}_QRMI_QONDUIT_DEVICE"] = device,
        [$"{name}_QRMI_JOB_ACQUISITION_TOKEN"] = token,
        [$"{name}_QRMI_JOB_TIMEOUT_SECONDS"] = "600",
    };

    private async Task<ClaimedTask> ClaimAndCompleteAsync(Dictionary<string, int> counts)
    {
        var work = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.FromSeconds(10), default));
        await _agent.ReportRunningAsync("i-1", work.Task.Id, "job-1", jobHeldByCluster: false, default);
        await _agent.ReportCompletedAsync("i-1", work.Task.Id, Samples.Result(counts), default);
        return work.Task;
    }

    private async Task<string> KeyAsync(string name, ApiKeyRole role) => (await ApiKeys.CreateAsync(_store, name, role, DateTimeOffset.UtcNow)).Item2;
}
