using Qonduit.Contracts.RunDirectories;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

/// <summary>Agent ids bound to keys and tasks taken back from lost owners, over both stores and a manual clock (docs/architecture.md "Task lifecycle").</summary>
public sealed class OwnerLossTests
{
    private static readonly RunResult Counts = Samples.Result();

    private static async Task<Guid> ClaimedAsync(ControlPlaneHost host, string incarnation, HttpClient? agent = null)
    {
        var task = await host.SubmitAsync();
        var response = await (agent ?? host.Agent).PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 0, incarnation));
        await Expect.StatusAsync(response, 200);
        return task.Id;
    }

    private static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, string incarnation, params Guid[] listed) =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", listed, incarnation, 5_000));

    private static string[] Reasons(ControlPlaneHost host, Guid id) => [.. host.Store.ReadEvents(0, new EventFilter(TaskId: id, Types: [EventTypes.TaskRequeued]), 10)
        .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("reason").GetString()!)];

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_new_incarnations_heartbeat_adopts_the_tasks_it_lists_and_requeues_the_others(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var kept = await ClaimedAsync(host, "i-1");
        var forgotten = await ClaimedAsync(host, "i-1");

        await Expect.StatusAsync(await HeartbeatAsync(host, "i-2", kept), 200);

        Assert.Equal(("i-2", TaskState.Running), (host.Store.GetTask(kept)!.OwnerIncarnation, host.Store.GetTask(kept)!.State));
        Assert.Equal((TaskState.Queued, 2), (host.Store.GetTask(forgotten)!.State, host.Store.GetTask(forgotten)!.Attempt));
        Assert.Equal(["agent-restarted"], Reasons(host, forgotten));
        Assert.Single(host.Store.ReadEvents(0, new EventFilter(TaskId: kept, Types: [EventTypes.TaskAdopted]), 10));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_new_incarnations_claim_requeues_the_tasks_earlier_ones_held(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var orphan = await ClaimedAsync(host, "i-1");

        var reclaimed = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 0, "i-2"));

        var claimed = (await reclaimed.Content.ReadFromJsonAsync<ClaimResponse>())!;
        Assert.Equal((orphan, 2), (claimed.Task.Id, claimed.Task.Attempt));
        Assert.Equal("i-2", host.Store.GetTask(orphan)!.OwnerIncarnation);
        Assert.Equal(["agent-restarted"], Reasons(host, orphan));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Two_heartbeats_an_interval_after_the_claim_that_omit_a_task_requeue_it_and_a_listing_in_between_resets_the_count(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var id = await ClaimedAsync(host, "i-1");
        await HeartbeatAsync(host, "i-1");
        await HeartbeatAsync(host, "i-1");
        Assert.Equal((TaskState.Running, 0), (host.Store.GetTask(id)!.State, host.Store.GetTask(id)!.MissedHeartbeats));

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await HeartbeatAsync(host, "i-1");
        await HeartbeatAsync(host, "i-1", id);
        await HeartbeatAsync(host, "i-1");
        Assert.Equal((TaskState.Running, 1), (host.Store.GetTask(id)!.State, host.Store.GetTask(id)!.MissedHeartbeats));

        var answer = await HeartbeatAsync(host, "i-1");
        await Expect.StatusAsync(answer, 200);
        Assert.Equal((TaskState.Queued, 2), (host.Store.GetTask(id)!.State, host.Store.GetTask(id)!.Attempt));
        Assert.Equal(["omitted-from-heartbeats"], Reasons(host, id));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_stale_owner_loses_after_the_grace_the_tasks_whose_jobs_die_with_it_and_the_third_loss_fails_the_task(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind, o => (o.AgentStaleAfter, o.StaleOwnerGrace) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)));
        var id = await ClaimedAsync(host, "i-1");
        var outlives = await ClaimedAsync(host, "i-1");
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{outlives}/running", new ReportRunningRequest("agent-1", "slurm-7", "i-1", SurvivesAgent: true)), 200);
        await host.Store.WriteAsync(w => { w.UpdateTask(w.GetTask(id)! with { Attempt = TaskAutomaton.MaxAttempts }); return 0; });

        host.Clock.Advance(TimeSpan.FromSeconds(25));
        await host.Get<AgentStaleMonitor>().ScanAsync();
        Assert.Equal(TaskState.Running, host.Store.GetTask(id)!.State);

        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await host.Get<AgentStaleMonitor>().ScanAsync();
        var failed = host.Store.GetTask(id)!;
        Assert.Equal((TaskState.Failed, "task.agent-lost"), (failed.State, failed.Error!.Code));
        Assert.Contains("owner-stale", Assert.Single(host.Store.ReadEvents(0, new EventFilter(TaskId: id, Types: [EventTypes.TaskFailed]), 10)).Data, StringComparison.Ordinal);
        Assert.Equal(TaskState.Running, host.Store.GetTask(outlives)!.State);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Another_key_under_a_bound_agent_id_is_refused_403_on_every_call_and_recorded_until_an_admin_rebinds_the_id(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var id = await ClaimedAsync(host, "i-1");
        var intruder = await host.ClientAsync("intruder", ApiKeyRole.Agent);

        await Expect.ProblemAsync(await intruder.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 0, "x")), 403, "agent.id-bound-to-other-key");
        await Expect.ProblemAsync(await intruder.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [], "x")), 403, "agent.id-bound-to-other-key");
        await Expect.ProblemAsync(await intruder.PostAsJsonAsync($"/v1/tasks/{id}/running", new ReportRunningRequest("agent-1", "j", "i-1")), 403, "agent.id-bound-to-other-key");
        await Expect.ProblemAsync(await intruder.PostAsJsonAsync($"/v1/tasks/{id}/completed", new ReportCompletedRequest("agent-1", Counts, "i-1")), 403, "agent.id-bound-to-other-key");
        await Expect.ProblemAsync(await intruder.PostAsJsonAsync($"/v1/tasks/{id}/failed", new ReportFailedRequest("agent-1", "c", "agent", "m", null, "i-1")), 403, "agent.id-bound-to-other-key");
        Assert.Equal(5, host.Store.ReadEvents(0, new EventFilter(Types: [EventTypes.AgentImpersonation]), 10).Count);
        Assert.Equal((TaskState.Running, "i-1"), (host.Store.GetTask(id)!.State, host.Store.GetTask(id)!.OwnerIncarnation));

        await AgentBinding.RebindAsync(host.Store, "intruder", "agent-1", host.Clock.GetUtcNow());
        await Expect.StatusAsync(await intruder.PostAsJsonAsync($"/v1/tasks/{id}/completed", new ReportCompletedRequest("agent-1", Counts, "i-1")), 200);
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [], "i-1")), 403, "agent.id-bound-to-other-key");
    }
}
