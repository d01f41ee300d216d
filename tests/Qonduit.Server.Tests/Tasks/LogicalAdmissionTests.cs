using System.Net.Http.Json;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Devices;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

public sealed class LogicalAdmissionTests
{
    /// <summary>h, cx and ccx: none native to ibm_fez, and the cx and ccx pairs are not all couplers.</summary>
    private const string Logical = """
        OPENQASM 2.0;
        include "qelib1.inc";
        qreg q[4];
        creg c[4];
        h q[0];
        cx q[0],q[3];
        ccx q[0],q[1],q[2];
        measure q -> c;
        """;

    private static async Task<ControlPlaneHost> WithFezAsync(StoreKind kind = StoreKind.InMemory)
    {
        var host = await ControlPlaneHost.StartAsync(kind);
        Assert.True(BundledDevices.TryGet("ibm_fez", out var fez));
        await host.RegisterAsync(fez);
        return host;
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_logical_circuit_is_admitted_for_transpiling_by_default_and_the_task_says_so(StoreKind kind)
    {
        await using var host = await WithFezAsync(kind);

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("ibm_fez", Logical, null, 100));

        await Expect.StatusAsync(response, 201);
        var task = (await response.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.True(task.Transpile);
        Assert.True(host.Store.GetTask(task.Id)!.Transpile);
        var claim = await host.ClaimAsync();
        Assert.True(claim.Task.Transpile);
    }

    [Fact]
    public async Task The_same_circuit_without_transpiling_is_a_422_listing_every_violation()
    {
        await using var host = await WithFezAsync();

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("ibm_fez", Logical, null, 100, Transpile: false));

        var problem = await Expect.ProblemAsync(response, 422, "admission.inadmissible");
        Assert.True(BundledDevices.TryGet("ibm_fez", out var fez));
        var expected = Admissibility.Check(QasmParser.Parse(Logical), fez).Violations;
        var listed = problem.GetProperty("violations").EnumerateArray().Select(v => (v.GetProperty("code").GetString()!, v.GetProperty("instructionIndex").GetInt32())).ToList();
        Assert.Equal(expected.Select(v => (v.Code, v.InstructionIndex!.Value)), listed);
        Assert.Contains(listed, v => v.Item2 == 2);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_circuit_wider_than_the_device_is_refused_with_or_without_transpiling(bool transpile)
    {
        await using var host = await WithFezAsync();

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("ibm_fez", Samples.WithQubits(157), null, 100, Transpile: transpile));

        await Expect.ProblemAsync(response, 422, "admission.too-many-qubits");
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task Transpiling_cannot_use_qubits_cut_off_from_the_rest()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new DevicePatchRequest(Qubits: [new QubitPatch(2, Status: QubitStatus.Offline)]));

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.WithQubits(3), null, 10));

        var problem = await Expect.ProblemAsync(response, 422, "admission.inadmissible");
        Assert.Equal("admission.too-many-qubits", problem.GetProperty("violations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_opaque_gate_is_refused_even_for_transpiling()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        const string opaque = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nopaque magic a;\nqreg q[1];\nmagic q[0];\n";

        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", opaque, null, 10));

        var problem = await Expect.ProblemAsync(response, 422, "admission.inadmissible");
        Assert.Equal("admission.opaque-gate", problem.GetProperty("violations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Viability_answers_as_the_submission_would()
    {
        await using var host = await WithFezAsync();

        var logical = await (await host.Alice.PostAsJsonAsync("/v1/devices/ibm_fez/viability", new ViabilityRequest(Logical))).Content.ReadFromJsonAsync<ViabilityView>();
        var native = await (await host.Alice.PostAsJsonAsync("/v1/devices/ibm_fez/viability", new ViabilityRequest(Logical, Transpile: false))).Content.ReadFromJsonAsync<ViabilityView>();

        Assert.True(logical!.Admissible);
        Assert.False(native!.Admissible);
    }
}
