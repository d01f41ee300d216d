using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Placement;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Events;
using Qonduit.Server.Tests.Infrastructure;
using static Qonduit.Server.Tests.Placement.PlacementCalls;

namespace Qonduit.Server.Tests.Placement;

/// <summary>Tasks submitted with a resource requirement: admitted at submission, placed at claim time over live lanes.</summary>
public sealed class PlacementTests
{
    /// <summary>line7 orders before line5 under order[num_qubits] (num_qubits is not increasing: larger first).</summary>
    private const string LargerFirst = "select[kind=='qpu'] order[num_qubits]";

    private static async Task<ControlPlaneHost> TwoLinesAsync(Action<ServerOptions>? configure = null)
    {
        var host = await ControlPlaneHost.StartAsync(configure: configure);
        await host.RegisterAsync(Samples.Line("line7", 7));
        return host;
    }

    [Fact]
    public async Task A_worse_lane_takes_a_task_only_after_the_better_free_lane_has_left_it_unclaimed_for_the_grace()
    {
        await using var host = await TwoLinesAsync(o => o.PlacementGraceMs = 200);
        Assert.Null(await ClaimAsync(host, "agent-7", "line7"));
        var task = await SubmittedAsync(host, LargerFirst);

        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var claimed = (await ClaimAsync(host, "agent-5", "line5"))!;

        Assert.Equal((task.Id, "line5"), (claimed.Task.Id, claimed.Task.Device));
        var placement = ClaimEvent(host, task.Id).GetProperty("placement");
        Assert.Equal(["line7", "line5"], placement.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("resource").GetString()));
        Assert.Equal(("line5", 0), (placement.GetProperty("winner").GetString(), placement.GetProperty("alternative").GetInt32()));
    }

    [Fact]
    public async Task The_best_lane_takes_the_task_at_once_bound_to_its_device_and_the_decision_records_the_values_read()
    {
        await using var host = await TwoLinesAsync();
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        var task = await SubmittedAsync(host, LargerFirst);

        var claimed = (await ClaimAsync(host, "agent-7", "line7"))!;

        Assert.Equal(("line7", 7), (claimed.Task.Device, claimed.Snapshot.GetProperty("qubits").GetArrayLength()));
        var candidates = ClaimEvent(host, task.Id).GetProperty("placement").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["7", "5"], candidates.Select(c => c.GetProperty("values").GetProperty("num_qubits").GetString()));
        Assert.Equal("'qpu'", candidates[0].GetProperty("values").GetProperty("kind").GetString());
        var shown = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!;
        Assert.Equal(("line7", LargerFirst), (shown.Device, shown.Requirement));
        Assert.Equal("line7", shown.Placement!.Winner);
        Assert.Equal(["line7", "line5"], shown.Placement.Candidates.Select(c => c.Resource));
    }

    [Fact]
    public async Task A_requirement_task_goes_to_the_simulator_pool_it_selects_and_runs_on_its_own_device_snapshot()
    {
        await using var host = await TwoLinesAsync();
        Assert.Null(await ClaimAsync(host, "qpu-agent", "line7"));
        await Expect.StatusAsync(await HeartbeatAsync(host, "sim-agent", new PoolDeclaration("sim-a", "sim", 4)), 200);
        var task = await SubmittedAsync(host, "select[kind=='sim']", noise: "device");

        Assert.Null(await ClaimAsync(host, "qpu-agent", "line7"));
        var claimed = (await ClaimAsync(host, "sim-agent", "none"))!;

        Assert.Equal((task.Id, "line5", "device"), (claimed.Task.Id, claimed.Task.Device, task.Noise));
        Assert.Equal("sim-a", ClaimEvent(host, task.Id).GetProperty("placement").GetProperty("winner").GetString());
    }

    [Fact]
    public async Task A_pool_runs_an_ideal_noise_task_on_the_noiseless_twin_of_its_device()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "sim-agent", new PoolDeclaration("sim-a", "sim", 4)), 200);
        await SubmittedAsync(host, "select[kind=='sim']", noise: "ideal");

        var claimed = (await ClaimAsync(host, "sim-agent", "none"))!;

        Assert.Equal(("line5", "line5"), (claimed.Task.Device, claimed.Snapshot.GetProperty("device").GetString()));
        Assert.All(claimed.Snapshot.GetProperty("couplers").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("error").GetDouble()));
    }

    [Fact]
    public async Task Order_by_fidelity_prefers_the_qpu_whose_index_is_a_number_over_a_pool_that_has_none()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, "sim-agent", new PoolDeclaration("sim-a", "sim", 4)), 200);
        Assert.Null(await ClaimAsync(host, "qpu-agent", "line5"));
        var task = await SubmittedAsync(host, "select[kind=='qpu' || kind=='sim'] order[qpu_fidelity]");

        Assert.Null(await ClaimAsync(host, "sim-agent", "none"));
        var claimed = (await ClaimAsync(host, "qpu-agent", "line5"))!;

        Assert.Equal(task.Id, claimed.Task.Id);
        var candidates = ClaimEvent(host, task.Id).GetProperty("placement").GetProperty("candidates").EnumerateArray();
        Assert.Equal(["line5", "sim-a"], candidates.Select(c => c.GetProperty("resource").GetString()));
    }

    [Fact]
    public async Task A_reported_index_past_two_intervals_is_undefined_at_claim_and_a_newer_push_makes_it_select_again()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/qpu_health", new DeclareLoadIndexRequest("numeric", 5_000)), 200);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/line5/indices", new PushLoadIndicesRequest(1, ["1 qpu_health 0.97"])), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(10) + TimeSpan.FromMilliseconds(1));
        var task = await SubmittedAsync(host, "select[kind=='qpu' && qpu_health>=0.9]");

        Assert.Null(await ClaimAsync(host, "qpu-agent", "line5"));
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/line5/indices", new PushLoadIndicesRequest(2, ["1 qpu_health 0.95"])), 200);

        Assert.Equal(task.Id, (await ClaimAsync(host, "qpu-agent", "line5"))!.Task.Id);
    }

    [Fact]
    public async Task A_requirement_that_selects_nothing_now_waits_with_pending_no_matching_resource()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await SubmittedAsync(host, "select[kind=='qpu' && qpu_queue_depth > 100]");

        Assert.Equal("pending.no-matching-resource", task.PendingReason!.Code);
        Assert.Null(await ClaimAsync(host, "agent-1"));
    }

    [Fact]
    public async Task A_requeued_requirement_task_is_placed_again_and_a_device_bound_task_is_never_placed()
    {
        await using var host = await TwoLinesAsync();
        var bound = await host.SubmitAsync(device: "line7");
        var task = await SubmittedAsync(host, "select[kind=='qpu' && num_qubits < 6]");
        Assert.Equal(bound.Id, (await ClaimAsync(host, "agent-7", "line7"))!.Task.Id);
        Assert.Null(await ClaimAsync(host, "agent-7", "line7"));

        Assert.Equal(task.Id, (await ClaimAsync(host, "agent-5", "line5"))!.Task.Id);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new { force = true }), 200);

        Assert.Equal((task.Id, 2), ((await ClaimAsync(host, "agent-5b", "line5"))!.Task.Id, (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.Attempt));
    }

    [Theory]
    [InlineData("select[x>]", null, "line5", 400, "requirement.syntax")]
    [InlineData("select[kind=='qpu'] span[lanes=1]", null, "line5", 400, "requirement.unsupported")]
    [InlineData("select[kind=='qpu']", "loud", "line5", 400, "placement.invalid-noise")]
    [InlineData(null, "ideal", "line5", 400, "placement.invalid-noise")]
    [InlineData("select[kind=='qpu']", null, null, 400, "placement.device-required")]
    [InlineData("select[kind=='gpu']", null, "line5", 422, "placement.no-matching-resource")]
    [InlineData("select[kind=='qpu' && num_qubits > 50]", null, "line5", 422, "placement.no-matching-resource")]
    [InlineData("select[resource=='ibm_nowhere']", null, "line5", 422, "placement.no-matching-resource")]
    public async Task A_bad_requirement_is_refused_at_submission_and_stores_nothing(string? requirement, string? noise, string? device, int status, string code)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await SubmitAsync(host, requirement, device, noise), status, code);
        Assert.Empty(host.Store.ListTasks(new()));
    }

    [Fact]
    public async Task A_syntax_error_names_its_column()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var problem = await Expect.ProblemAsync(await SubmitAsync(host, "select[x>]"), 400, "requirement.syntax");

        Assert.Equal(10, problem.GetProperty("column").GetInt32());
    }

    [Fact]
    public async Task A_circuit_inadmissible_on_every_device_the_requirement_may_choose_is_refused_with_each_reason()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.RegisterAsync(Samples.Line("line3", 3));

        var problem = await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='qpu' && num_qubits < 4]", circuit: Samples.WithQubits(5)),
            422, "placement.no-admissible-resource");

        var refused = Assert.Single(problem.GetProperty("refused").EnumerateArray());
        Assert.Equal("line3", refused.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Explain_lists_ibm_fez_and_not_ibm_brisbane_for_at_least_150_qubits()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.SeedBundledDevices = true, registerLine: false);

        var response = await host.Alice.PostAsJsonAsync("/v1/placement/explain", new PlacementExplainRequest("select[kind=='qpu' && num_qubits>=150]"));
        await Expect.StatusAsync(response, 200);
        var explained = (await response.Content.ReadFromJsonAsync<PlacementExplanation>())!;

        var fez = Assert.Single(explained.Candidates, c => c.Resource == "ibm_fez");
        Assert.Equal("156", fez.Values["num_qubits"]);
        Assert.DoesNotContain(explained.Candidates, c => c.Resource == "ibm_brisbane");
        Assert.Contains("ibm_brisbane", explained.NotSelected);
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/placement/explain", new PlacementExplainRequest("order[")), 400, "requirement.syntax");
    }

    [Fact]
    public async Task A_requirement_names_the_qpu_it_wants_by_the_resource_index_and_the_claim_runs_it_there()
    {
        await using var host = await TwoLinesAsync();
        var task = await SubmittedAsync(host, "select[resource=='line5'] || {select[kind=='sim']}@30s");

        Assert.Null(await ClaimAsync(host, "agent-7", "line7"));
        Assert.Equal((task.Id, "line5"), ((await ClaimAsync(host, "agent-5", "line5"))!.Task.Id, (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.Device));
    }

    [Fact]
    public async Task Order_reads_a_declared_index_in_its_declared_direction()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.SeedBundledDevices = true, registerLine: false);
        // Larger health is less loaded (increasing: no), so order[qpu_health] puts the healthiest device first.
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/qpu_health", new DeclareLoadIndexRequest("numeric", 60_000, Increasing: false)), 200);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/ibm_fez/indices", new PushLoadIndicesRequest(1, ["1 qpu_health 0.90"])), 200);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/ibm_torino/indices", new PushLoadIndicesRequest(1, ["1 qpu_health 0.95"])), 200);

        var response = await host.Alice.PostAsJsonAsync("/v1/placement/explain", new PlacementExplainRequest("select[defined(qpu_health)] order[qpu_health]"));
        await Expect.StatusAsync(response, 200);
        var explained = (await response.Content.ReadFromJsonAsync<PlacementExplanation>())!;

        Assert.Equal(["ibm_torino", "ibm_fez"], explained.Candidates.Select(c => c.Resource));
    }

    [Fact]
    public async Task A_delayed_alternative_opens_after_the_first_found_nothing_for_its_delay_and_a_requeue_restarts_the_clock()
    {
        await using var host = await TwoLinesAsync();
        // line7 has no live agent, so the first alternative finds no candidate; line5's agent may take the task only by the second.
        var task = await SubmittedAsync(host, "{select[kind=='qpu' && num_qubits > 6]} || {select[kind=='qpu']}@10s");
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(task.Id, (await ClaimAsync(host, "agent-5", "line5"))!.Task.Id);
        Assert.Equal(1, ClaimEvent(host, task.Id).GetProperty("placement").GetProperty("alternative").GetInt32());

        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new { force = true }), 200);
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(task.Id, (await ClaimAsync(host, "agent-5", "line5"))!.Task.Id);
    }
}
