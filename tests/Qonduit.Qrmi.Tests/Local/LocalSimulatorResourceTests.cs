using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Local;
using Qonduit.Client.Primitives;
using Qonduit.Qrmi.Primitives;
using Qonduit.Circuits.Qasm;
using Qonduit.Simulation;

namespace Qonduit.Qrmi.Tests.Local;

public sealed class LocalSimulatorResourceTests : IDisposable
{
    private const string Bell = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[2];
        creg c[2];
        h q[0];
        cx q[0], q[1];
        measure q -> c;
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private LocalSimulatorResource Resource(string name = "sim", string? token = null, int lanes = 1, bool ideal = true)
    {
        var env = new Dictionary<string, string>
        {
            [LocalDevice.TopologyKey] = "line",
            [LocalDevice.QubitsKey] = "3",
            [LocalDevice.IdealKey] = ideal ? "true" : "false",
            [LocalSimulatorResource.LanesKey] = lanes.ToString(),
            [LocalSimulatorResource.LeaseDirKey] = _dir.Path,
        };
        if (token is not null) env[JobEnvironment.TokenKey] = token;
        return new LocalSimulatorResource(new ResourceDefinition(name, ResourceTypes.LocalSimulator, env));
    }

    [Fact]
    public async Task A_task_runs_on_the_simulator_and_returns_counts_in_qiskit_order()
    {
        var sim = Resource();
        var id = await sim.TaskStartAsync(TaskPayload.FromQasm(Bell, shots: 200, seed: 7));
        var result = await sim.AsSamplingTarget().ResultAsync(id);
        Assert.Equal(200, result.Counts.Values.Sum());
        Assert.All(result.Counts.Keys, k => Assert.Contains(k, new[] { "00", "11" }));
        Assert.Equal(QuantumTaskStatus.Completed, await sim.TaskStatusAsync(id));
        Assert.Contains("completed", await sim.TaskLogsAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_counts()
    {
        var sim = Resource();
        var a = await sim.AsSamplingTarget().ResultAsync(await sim.TaskStartAsync(TaskPayload.FromQasm(Bell, 500, seed: 11)));
        var b = await sim.AsSamplingTarget().ResultAsync(await sim.TaskStartAsync(TaskPayload.FromQasm(Bell, 500, seed: 11)));
        Assert.Equal(a.Counts.OrderBy(c => c.Key), b.Counts.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task A_trajectory_budget_reaches_the_simulator_and_a_budget_below_one_is_refused()
    {
        // Native to the generated device, so it runs as written and the simulator can be asked for the same counts.
        const string native = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\n"
            + "sx q[0]; cz q[0],q[1]; sx q[1]; cz q[1],q[2]; sx q[2]; cz q[0],q[1]; sx q[0];\nmeasure q -> c;\n";
        var noisy = Resource(ideal: false);
        var refused = await Assert.ThrowsAsync<QrmiException>(() => noisy.TaskStartAsync(TaskPayload.FromQasm(native, 100) with { Trajectories = 0 }));
        Assert.Equal("qrmi.invalid-trajectories", refused.Code);

        var result = await noisy.AsSamplingTarget().ResultAsync(await noisy.TaskStartAsync(TaskPayload.FromQasm(native, 3000, seed: 3) with { Trajectories = 2 }));

        var snapshot = await noisy.TargetAsync();
        var options = new SimulationOptions { Shots = 3000, Seed = 3 };
        var budgeted = Simulator.Run(QasmParser.Parse(native), snapshot, options with { Trajectories = 2 });
        var exact = Simulator.Run(QasmParser.Parse(native), snapshot, options);
        Assert.InRange(budgeted.Simulations, 1, 2);
        Assert.Equal(budgeted.Counts!.OrderBy(c => c.Key).Select(c => (c.Key, (long)c.Value)), result.Counts.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)));
        Assert.NotEqual(exact.Counts!.OrderBy(c => c.Key), budgeted.Counts!.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Leases_of_two_resource_instances_exclude_each_other()
    {
        var first = Resource();
        var second = Resource();
        var lease = await first.AcquireAsync(new LeaseRequest { Holder = "job 1" });
        await Assert.ThrowsAsync<LeaseUnavailableException>(() => second.AcquireAsync(new LeaseRequest { Holder = "job 2" }));
        await first.ReleaseAsync(lease.Token);
        await second.AcquireAsync(new LeaseRequest { Holder = "job 2" });
    }

    [Fact]
    public async Task A_task_without_a_lease_waits_queued_while_every_lane_is_leased()
    {
        var holder = Resource();
        var lease = await holder.AcquireAsync(new LeaseRequest { Holder = "job 1" });
        var other = Resource();
        var id = await other.TaskStartAsync(TaskPayload.FromQasm(Bell, 10));
        Assert.Equal(QuantumTaskStatus.Queued, await other.TaskStatusAsync(id));
        Assert.Equal(1, (await other.MetricsAsync()).QueueDepth);
        await holder.ReleaseAsync(lease.Token);
        await other.AsSamplingTarget().ResultAsync(id);
    }

    [Fact]
    public async Task A_job_token_lets_the_jobs_tasks_run_on_its_lane()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest { Holder = "slurm:job:1" });
        var job = Resource(token: lease.Token);
        var result = await job.AsSamplingTarget().ResultAsync(await job.TaskStartAsync(TaskPayload.FromQasm(Bell, 10)));
        Assert.Equal(10, result.Shots);
        Assert.Equal(1, (await job.MetricsAsync()).LanesInUse);
    }

    [Fact]
    public async Task A_released_token_is_refused_at_task_start()
    {
        var holder = Resource();
        var lease = await holder.AcquireAsync(new LeaseRequest());
        await holder.ReleaseAsync(lease.Token);
        var e = await Assert.ThrowsAsync<LeaseNotFoundException>(() => Resource(token: lease.Token).TaskStartAsync(TaskPayload.FromQasm(Bell, 10)));
        Assert.Equal("lease.not-found", e.Code);
    }

    [Fact]
    public async Task Stopping_a_queued_task_cancels_it_and_its_result_says_so()
    {
        var holder = Resource();
        await holder.AcquireAsync(new LeaseRequest());
        var sim = Resource();
        var id = await sim.TaskStartAsync(TaskPayload.FromQasm(Bell, 10));
        await sim.TaskStopAsync(id);
        await sim.DrainAsync();
        Assert.Equal(QuantumTaskStatus.Cancelled, await sim.TaskStatusAsync(id));
        var e = await Assert.ThrowsAsync<TaskNotCompletedException>(() => sim.TaskResultAsync(id));
        Assert.Equal("qrmi.task-not-completed", e.Code);
    }

    [Fact]
    public async Task A_bad_circuit_is_refused_at_start_with_the_parsers_error()
    {
        var e = await Assert.ThrowsAnyAsync<Circuits.QonduitException>(() => Resource().TaskStartAsync(TaskPayload.FromQasm("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n", 10)));
        Assert.NotEmpty(e.Code);
        await Assert.ThrowsAsync<QrmiException>(() => Resource().TaskStartAsync(TaskPayload.FromQasm("OPENQASM 2.0;\nqreg q[9];\n", 10)));
    }

    [Fact]
    public async Task Target_and_metrics_describe_the_configured_device()
    {
        var sim = Resource(lanes: 2);
        Assert.Equal(3, (await sim.TargetAsync()).NumQubits);
        var metrics = await sim.MetricsAsync();
        Assert.Equal((2, 0, 0), (metrics.Lanes, metrics.LanesInUse, metrics.QueueDepth));
        Assert.True(await sim.IsAccessibleAsync());
    }

    [Fact]
    public async Task Without_a_device_setting_the_resource_name_must_be_a_bundled_backend()
    {
        var env = new Dictionary<string, string> { [LocalSimulatorResource.LeaseDirKey] = _dir.Path };
        var bundled = new LocalSimulatorResource(new ResourceDefinition("ibm_fez", ResourceTypes.LocalSimulator, env));
        Assert.Equal("ibm_fez", (await bundled.TargetAsync()).Device);
        var unknown = new LocalSimulatorResource(new ResourceDefinition("nowhere", ResourceTypes.LocalSimulator, env));
        await Assert.ThrowsAsync<QrmiConfigException>(() => unknown.TargetAsync());
    }
}
