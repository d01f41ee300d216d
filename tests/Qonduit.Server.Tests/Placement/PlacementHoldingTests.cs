using System.Net.Http.Json;
using Qonduit.Contracts.Placement;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Tests.Infrastructure;
using static Qonduit.Server.Tests.Placement.PlacementCalls;

namespace Qonduit.Server.Tests.Placement;

/// <summary>
/// What running requirement tasks hold, as the next claim sees it: a pool's slots (`slots_free`), the rusage[] amounts of
/// a consumable index, and which QPUs a waiting circuit can run on at all.
/// </summary>
public sealed class PlacementHoldingTests
{
    [Fact]
    public async Task A_pool_whose_slots_running_tasks_hold_is_no_candidate_so_the_next_pool_takes_work_at_once_and_the_slot_returns_when_the_task_ends()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.PlacementGraceMs = 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-a", new PoolDeclaration("sim-a", "sim", 1)), 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, "agent-b", new PoolDeclaration("sim-b", "sim", 1)), 200);
        var first = await SubmittedAsync(host, "select[kind=='sim']");
        var second = await SubmittedAsync(host, "select[kind=='sim']");

        Assert.Equal(first.Id, (await ClaimAsync(host, "agent-a", "none"))!.Task.Id);
        Assert.Equal(0, await SlotsFreeAsync(host, "sim-a"));
        // sim-a orders first (the lane name breaks the tie) but is full: sim-b need not wait out the grace for it.
        Assert.Equal(second.Id, (await ClaimAsync(host, "agent-b", "none"))!.Task.Id);

        await Expect.StatusAsync(await host.Alice.PostAsync($"/v1/tasks/{first.Id}/cancel", null), 200);
        Assert.Equal(1, await SlotsFreeAsync(host, "sim-a"));
    }

    [Fact]
    public async Task Rusage_of_a_declared_consumable_index_is_held_from_claim_to_end_and_select_reads_the_reported_value_minus_it()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/licenses",
            new DeclareLoadIndexRequest("numeric", 60_000, Increasing: false, Consumable: true)), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/mem_free", new DeclareLoadIndexRequest("numeric", 60_000)), 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, "sim-agent", new PoolDeclaration("sim-a", "sim", 4)), 200);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/sim-a/indices", new PushLoadIndicesRequest(1, ["1 licenses 1"])), 200);
        const string OneLicence = "select[kind=='sim' && licenses>=1] rusage[licenses=1]";
        var first = await SubmittedAsync(host, OneLicence);
        var second = await SubmittedAsync(host, OneLicence);
        await Expect.ProblemAsync(await SubmitAsync(host, "select[kind=='sim'] rusage[mem_free=1]"), 400, "requirement.not-consumable");

        Assert.Equal(first.Id, (await ClaimAsync(host, "sim-agent", "none"))!.Task.Id);
        Assert.Null(await ClaimAsync(host, "sim-agent", "none"));
        var explained = await (await host.Alice.PostAsJsonAsync("/v1/placement/explain", new PlacementExplainRequest("select[defined(licenses)]")))
            .Content.ReadFromJsonAsync<PlacementExplanation>();
        Assert.Equal("0", Assert.Single(explained!.Candidates).Values["licenses"]);

        await Expect.StatusAsync(await host.Alice.PostAsync($"/v1/tasks/{first.Id}/cancel", null), 200);
        Assert.Equal(second.Id, (await ClaimAsync(host, "sim-agent", "none"))!.Task.Id);
    }

    [Fact]
    public async Task A_qpu_whose_snapshot_cannot_run_the_circuit_is_no_candidate_though_the_requirement_orders_it_first()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.PlacementGraceMs = 200);
        await host.RegisterAsync(Samples.Line("line7", 7));
        // Fewer qubits first: line5 would win, but the 6-qubit circuit fits only line7.
        var response = await SubmitAsync(host, "select[kind=='qpu'] order[-num_qubits]", device: "line7", circuit: Samples.WithQubits(6));
        await Expect.StatusAsync(response, 201);
        var task = (await response.Content.ReadFromJsonAsync<TaskView>())!;

        Assert.Null(await ClaimAsync(host, "agent-5", "line5"));
        var claimed = (await ClaimAsync(host, "agent-7", "line7"))!;

        Assert.Equal((task.Id, "line7"), (claimed.Task.Id, claimed.Task.Device));
        Assert.Equal(["line7"], ClaimEvent(host, task.Id).GetProperty("placement").GetProperty("candidates").EnumerateArray()
            .Select(c => c.GetProperty("resource").GetString()));
    }

    [Fact]
    public async Task A_pools_own_select_is_anded_with_the_tasks_so_the_pool_takes_work_only_while_its_agent_reports_enough_memory()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/mem_free", new DeclareLoadIndexRequest("numeric", 60_000, Increasing: false)), 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, "sim-agent", new PoolDeclaration("sim-a", "sim", 4, "mem_free>=4096")), 200);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/sim-a/indices", new PushLoadIndicesRequest(1, ["1 mem_free 1024"])), 200);
        var task = await SubmittedAsync(host, "select[kind=='sim']");

        Assert.Null(await ClaimAsync(host, "sim-agent", "none"));
        var explained = await (await host.Alice.PostAsJsonAsync("/v1/placement/explain", new PlacementExplainRequest("select[kind=='sim']")))
            .Content.ReadFromJsonAsync<PlacementExplanation>();
        Assert.Contains("sim-a", explained!.NotSelected);

        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/sim-a/indices", new PushLoadIndicesRequest(2, ["1 mem_free 8192"])), 200);
        Assert.Equal(task.Id, (await ClaimAsync(host, "sim-agent", "none"))!.Task.Id);
    }

    private static async Task<double> SlotsFreeAsync(ControlPlaneHost host, string pool) =>
        (await host.Alice.GetFromJsonAsync<ResourceView>($"/v1/resources/{pool}"))!.Indices["slots_free"].Value.GetDouble();
}
