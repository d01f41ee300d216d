using System.Net.Http.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Resources;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Devices;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Resources;

public sealed class ResourcesApiTests
{
    private static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, string agentId, params PoolDeclaration[] pools) =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest(agentId, [], "i-1", 5_000, Pools: pools));

    private static double Number(ResourceView resource, string index) => resource.Indices[index].Value.GetDouble();

    [Fact]
    public async Task Bundled_devices_are_qpus_with_their_qubits_and_ibm_fez_fidelity_is_one_minus_its_median_two_qubit_error()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.SeedBundledDevices = true, registerLine: false);

        var resources = (await host.Alice.GetFromJsonAsync<List<ResourceView>>("/v1/resources"))!;

        foreach (var seed in BundledDeviceSeeder.Seeds())
        {
            var resource = Assert.Single(resources, r => r.Name == seed.Device);
            Assert.Equal(("qpu", "online", 1, (int?)null), (resource.Kind, resource.State, resource.Lanes, resource.Slots));
            Assert.Equal("qpu", resource.Indices["kind"].Value.GetString());
            Assert.Equal(seed.NumQubits, Number(resource, "num_qubits"));
        }
        var fez = BundledDevices.TryGet("ibm_fez", out var snapshot) ? snapshot : throw new InvalidOperationException("no ibm_fez");
        var errors = fez.Couplers.Where(c => c.Status == CouplerStatus.Available).Select(c => c.Error).Order().ToArray();
        var median = errors.Length % 2 == 1 ? errors[errors.Length / 2] : (errors[errors.Length / 2 - 1] + errors[errors.Length / 2]) / 2;
        var shown = (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/ibm_fez"))!;
        Assert.Equal(1 - median, Number(shown, "qpu_fidelity"), 12);
        Assert.InRange(Number(shown, "qpu_readout_fidelity"), 0.5, 1);
        Assert.Equal(("ratio", false), (shown.Indices["qpu_fidelity"].Unit, shown.Indices["qpu_fidelity"].Stale));
    }

    [Fact]
    public async Task Queue_depth_follows_submitted_tasks_and_calibration_age_the_clock()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        Assert.Equal(0, Number((await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!, "qpu_queue_depth"));

        await host.SubmitAsync();
        await host.SubmitAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        var line = (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!;

        Assert.Equal(2, Number(line, "qpu_queue_depth"));
        Assert.Equal(1, Number(line, "qpu_lanes_free"));
        Assert.Equal(90, Number(line, "qpu_calibration_age"), 6);
        Assert.Equal("s", line.Indices["qpu_calibration_age"].Unit);
    }

    [Fact]
    public async Task A_device_without_an_online_qubit_is_down()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var line = Samples.Line();
        await host.RegisterAsync(line with { Qubits = [.. line.Qubits.Select(q => q with { Status = QubitStatus.Offline })] });

        Assert.Equal("down", (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!.State);
    }

    [Fact]
    public async Task Pools_an_agent_declares_appear_and_go_offline_when_the_agent_is_no_longer_live()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.AgentStaleAfter = TimeSpan.FromSeconds(30));
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-1", new PoolDeclaration("sim-a", "sim", 8), new PoolDeclaration("gpus", "gpu", 2)), 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-2", new PoolDeclaration("sim-a", "sim", 4)), 200);

        var sim = (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/sim-a"))!;
        Assert.Equal(("sim", 12, (int?)null, "online"), (sim.Kind, sim.Slots, sim.Lanes, sim.State));
        Assert.Equal(["agent-1", "agent-2"], sim.Agents);
        Assert.Equal("sim", sim.Indices["kind"].Value.GetString());
        var listed = (await host.Alice.GetFromJsonAsync<List<ResourceView>>("/v1/resources"))!;
        Assert.Equal(["line5", "gpus", "sim-a"], listed.Select(r => r.Name));

        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-2", new PoolDeclaration("sim-a", "sim", 4)), 200);
        sim = (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/sim-a"))!;
        Assert.Equal(("online", 4), (sim.State, sim.Slots));
        Assert.Equal("offline", (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/gpus"))!.State);

        // An agent that stops declaring a pool (or an older agent that never sends pools) withdraws it.
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-2", [], "i-1", 5_000)), 200);
        Assert.Equal("offline", (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/sim-a"))!.State);
    }

    [Theory]
    [InlineData("Bad Name", "sim", 1)]
    [InlineData("sim-a", "qpu", 1)]
    [InlineData("sim-a", "sim", 0)]
    [InlineData("sim-a", "sim", 1025)]
    public async Task A_heartbeat_with_a_bad_pool_is_refused_and_changes_nothing(string name, string kind, int slots)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await HeartbeatAsync(host, "agent-1", new PoolDeclaration(name, kind, slots)), 400, "agent.invalid-pools");

        Assert.Equal(["line5"], (await host.Alice.GetFromJsonAsync<List<ResourceView>>("/v1/resources"))!.Select(r => r.Name));
    }

    [Theory]
    [InlineData("mem_free>")]
    [InlineData("select[mem_free>1] order[mem_free]")]
    [InlineData("")]
    public async Task A_heartbeat_with_a_pool_select_that_is_not_one_select_is_refused(string select)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await HeartbeatAsync(host, "agent-1", new PoolDeclaration("sim-a", "sim", 1, select)), 400, "agent.invalid-pools");
    }

    [Fact]
    public async Task A_pool_declared_twice_in_one_heartbeat_is_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await HeartbeatAsync(host, "agent-1", new PoolDeclaration("cpus", "cpu", 1), new PoolDeclaration("cpus", "cpu", 2)),
            400, "agent.invalid-pools");
    }

    [Fact]
    public async Task An_unknown_resource_is_404_with_the_names_it_may_be_a_slip_of()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-1", new PoolDeclaration("sim-pool", "sim", 2)), 200);

        var slip = await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/resources/sim-pol"), 404, "resource.not-found");
        Assert.Equal(["sim-pool"], slip.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        await Expect.StatusAsync(await host.Anonymous.GetAsync("/v1/resources"), 401);
    }
}
