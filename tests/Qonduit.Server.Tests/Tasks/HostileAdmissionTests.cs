using System.Net.Http.Json;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>Admission parses under the server's limits and deadline, not the parser's defaults.</summary>
public sealed class HostileAdmissionTests
{
    private const string Doubling = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ngate g0 a { x a; }\n"
        + "gate g1 a { g0 a; g0 a; }\ngate g2 a { g1 a; g1 a; }\ngate g3 a { g2 a; g2 a; }\ng3 q[0];\n";

    [Fact]
    public async Task An_expansion_past_the_servers_instruction_limit_is_a_413_at_the_line_that_passes_it()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.MaxInstructions = 4);
        var problem = await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Doubling, null, 10)), 413, "limits.expansion");
        Assert.Equal(7, problem.GetProperty("line").GetInt32());
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task A_register_past_the_servers_qubit_limit_is_refused_while_parsing()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.MaxQubits = 3);
        var response = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", "OPENQASM 2.0;\nqreg q[4];\n", null, 10));
        await Expect.ProblemAsync(response, 422, "admission.too-many-qubits");
    }

    [Fact]
    public async Task A_parse_past_the_admission_deadline_is_a_422_limits_deadline()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.AdmissionDeadline = TimeSpan.Zero);
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Doubling, null, 10)), 422, "limits.deadline");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/devices/line5/viability", new { circuit = Doubling }), 422, "limits.deadline");
    }
}
