using System.Net.Http.Json;
using System.Text;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>`parameters` bind the circuit's `input float[64]` declarations at admission; what is stored has none left.</summary>
public sealed class TaskParametersTests
{
    private const string WithInputs = """
        OPENQASM 3.0;
        include "stdgates.inc";
        input float[64] theta;
        input float[64] phi;
        qubit[2] q;
        bit[2] c;
        rz(theta) q[0];
        rz(phi * 2) q[1];
        c = measure q;
        """;

    private static Task<HttpResponseMessage> SubmitAsync(ControlPlaneHost host, Dictionary<string, double>? parameters, string circuit = WithInputs) =>
        host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", circuit, null, 10, Parameters: parameters));

    [Fact]
    public async Task Bound_parameters_are_stored_in_a_self_contained_circuit_the_agent_runs_without_inputs()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.StatusAsync(await SubmitAsync(host, new() { ["theta"] = 0.25, ["phi"] = 1.5 }), 201);
        var claimed = await host.ClaimAsync();

        Assert.DoesNotContain("input", claimed.Task.Circuit, StringComparison.Ordinal);
        Assert.Contains("rz(0.25) q[0]", claimed.Task.Circuit, StringComparison.Ordinal);
        Assert.Contains("rz(3) q[1]", claimed.Task.Circuit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_circuit_does_not_declare_is_refused_naming_it_and_the_inputs()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var problem = await Expect.ProblemAsync(await SubmitAsync(host, new() { ["theta"] = 1, ["phi"] = 1, ["gamma"] = 1 }), 422, "admission.unknown-parameter");

        Assert.Equal(["gamma"], problem.GetProperty("unknown").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["theta", "phi"], problem.GetProperty("inputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task An_input_left_unbound_is_refused_naming_it()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var problem = await Expect.ProblemAsync(await SubmitAsync(host, new() { ["theta"] = 1 }), 422, "admission.unbound-parameters");

        Assert.Equal(["phi"], problem.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        await Expect.ProblemAsync(await SubmitAsync(host, null), 422, "admission.unbound-parameters");
    }

    [Fact]
    public async Task A_value_that_makes_an_angle_non_finite_is_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await SubmitAsync(host, new() { ["theta"] = 1, ["phi"] = 1e308 }), 422, "admission.non-finite-parameter");
    }

    [Fact]
    public async Task A_non_number_value_is_a_malformed_request()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var body = """{"device": "line5", "circuit": "OPENQASM 3.0;\ninput float[64] theta;\nqubit[1] q;\nrz(theta) q[0];", "parameters": {"theta": "NaN"}}""";

        var response = await host.Alice.PostAsync("/v1/tasks", new StringContent(body, Encoding.UTF8, "application/json"));

        await Expect.StatusAsync(response, 400);
        Assert.Empty(host.Store.ListTasks(new()));
    }
}
