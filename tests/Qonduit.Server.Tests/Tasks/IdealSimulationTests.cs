using System.Net.Http.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Devices;
using Qonduit.Contracts.Resources;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>A requirement without a device: an ideal simulation of the circuit as written, on simulator pools only.</summary>
public sealed class IdealSimulationTests
{
    private const string OpaqueGate = """
        OPENQASM 2.0;
        include "qelib1.inc";
        opaque magic q;
        qreg q[1];
        magic q[0];
        """;

    private static async Task<ControlPlaneHost> WithSimPoolAsync()
    {
        var host = await ControlPlaneHost.StartAsync();
        var heartbeat = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat",
            new HeartbeatRequest("sim-agent", [], "i-1", 5_000, Pools: [new PoolDeclaration("sim-a", "sim", 4)]));
        await Expect.StatusAsync(heartbeat, 200);
        return host;
    }

    private static Task<HttpResponseMessage> SubmitAsync(ControlPlaneHost host, string requirement, string? noise = null, string circuit = Samples.Bell,
        int shots = 100, int? snapshotVersion = null, bool? transpile = null) =>
        host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(null, circuit, null, shots, SnapshotVersion: snapshotVersion, Transpile: transpile,
            Requirement: requirement, Noise: noise));

    [Fact]
    public async Task A_sim_only_requirement_without_a_device_is_stored_as_an_ideal_simulation_of_the_circuit_as_written()
    {
        await using var host = await WithSimPoolAsync();

        var response = await SubmitAsync(host, "select[kind=='sim']", transpile: true);

        await Expect.StatusAsync(response, 201);
        var task = (await response.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.Equal(("ideal", "ideal", false, 1), (task.Device, task.Noise, task.Transpile, task.AdmittedSnapshotVersion));
        var listed = (await host.Alice.GetFromJsonAsync<TaskPage>("/v1/tasks?device=ideal"))!;
        Assert.Equal(task.Id, Assert.Single(listed.Items).Id);
    }

    [Theory]
    [InlineData("select[kind=='sim']", "ideal")]
    [InlineData("select[kind=='sim'] order[sim_load]", null)]
    [InlineData("select[kind=='sim' && resource=='sim-a']", null)]
    [InlineData("{select[kind=='sim' && sim_load < 0.5]} || {select[kind=='sim']}@30s", null)]
    public async Task Every_requirement_that_can_only_select_simulator_pools_is_admitted(string requirement, string? noise)
    {
        await using var host = await WithSimPoolAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/sim_load", new DeclareLoadIndexRequest("numeric", 60_000)), 200);

        await Expect.StatusAsync(await SubmitAsync(host, requirement, noise), 201);
    }

    [Theory]
    [InlineData("select[kind=='qpu']", null, 400, "placement.device-required")]
    [InlineData("select[kind!='cpu']", null, 400, "placement.device-required")]
    [InlineData("select[num_qubits >= 2]", null, 400, "placement.device-required")]
    [InlineData("select[kind=='gpu' || kind=='sim']", null, 400, "placement.device-required")]
    [InlineData("select[resource=='sim-a']", null, 400, "placement.device-required")]
    [InlineData("{select[kind=='sim']} || {select[kind=='qpu']}@30s", null, 400, "placement.device-required")]
    [InlineData("select[kind=='sim']", "device", 400, "placement.device-required")]
    [InlineData("select[kind=='sim']", "loud", 400, "placement.invalid-noise")]
    [InlineData("select[kind=='sim'", null, 400, "requirement.syntax")]
    public async Task A_requirement_without_a_device_that_may_leave_the_simulator_pools_or_asks_for_device_noise_is_refused(
        string requirement, string? noise, int status, string code)
    {
        await using var host = await WithSimPoolAsync();

        await Expect.ProblemAsync(await SubmitAsync(host, requirement, noise), status, code);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task The_qpu_refusal_names_the_kinds_the_requirement_may_reach()
    {
        await using var host = await WithSimPoolAsync();

        var problem = await Expect.ProblemAsync(await SubmitAsync(host, "select[kind!='cpu']"), 400, "placement.device-required");

        Assert.Equal(["qpu", "gpu"], problem.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task The_limits_of_an_ideal_simulation_are_refused_at_submission()
    {
        await using var host = await WithSimPoolAsync();

        await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim']", shots: IdealSimulation.MaxShots + 1), 422, "admission.too-many-shots");
        await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim']", circuit: Samples.WithQubits(IdealSimulation.MaxQubits + 1)), 422,
            "admission.too-many-qubits");
        await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim']", snapshotVersion: 1), 400, "placement.device-required");
        var opaque = await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim']", circuit: OpaqueGate), 422, "placement.no-admissible-resource");
        var refused = Assert.Single(opaque.GetProperty("refused").EnumerateArray());
        Assert.Equal(("sim-a", "ideal"), (refused.GetProperty("resource").GetString(), refused.GetProperty("device").GetString()));
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task Without_a_simulator_pool_declared_no_resource_could_match()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim']"), 422, "placement.no-matching-resource");
    }

    [Fact]
    public async Task A_pool_claims_it_bound_to_a_snapshot_of_the_circuits_qubits_with_no_calibration_and_a_qpu_claim_never_takes_it()
    {
        await using var host = await WithSimPoolAsync();
        var task = (await (await SubmitAsync(host, "select[kind=='sim']")).Content.ReadFromJsonAsync<TaskView>())!;

        var byDevice = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("qpu-agent", 1, ["line5"], 0, "i-1"));
        Assert.Equal(204, (int)byDevice.StatusCode);
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("sim-agent", 1, ["none"], 0, "i-1"));

        await Expect.StatusAsync(response, 200);
        var claimed = (await response.Content.ReadFromJsonAsync<ClaimResponse>())!;
        Assert.Equal((task.Id, "ideal", false, 1), (claimed.Task.Id, claimed.Task.Device, claimed.Task.Transpile, claimed.Task.BoundSnapshotVersion));
        var snapshot = SnapshotJson.Deserialize(claimed.Snapshot.GetRawText());
        Assert.Equal(("ideal", 2, 0), (snapshot.Device, snapshot.NumQubits, snapshot.Couplers.Length));
        Assert.All(snapshot.Qubits, q => Assert.Equal((null, null, null), (q.T1Us, q.T2Us, q.ReadoutError)));
        Assert.Empty(snapshot.Qubits.SelectMany(q => q.GateErrors));
    }

    [Fact]
    public async Task No_device_may_be_registered_under_the_reserved_name()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Admin.PutAsJsonAsync("/v1/devices/ideal", new DeviceRegistrationRequest(Generator: new GeneratorRegistration("ring", 4))),
            400, "device.invalid-name");
    }
}
