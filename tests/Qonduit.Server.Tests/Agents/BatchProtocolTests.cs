using System.Net.Http.Json;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Server.Tests.Agents;

/// <summary>
/// The agent protocol for busy agents (docs/architecture.md "Agent protocol"): a claim for several tasks at once, several
/// reports in one call, and reports that claim the next tasks in the same transaction.
/// </summary>
public sealed class BatchProtocolTests
{
    private static readonly RunResult Counts = Samples.Result();

    private static async Task<ClaimResponse> ClaimAsync(ControlPlaneHost host, int capacity, int max)
    {
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", capacity, null, 0, "i-1", max));
        await Expect.StatusAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<ClaimResponse>())!;
    }

    private static List<Guid> Ids(ClaimResponse claim) => [.. claim.All.Select(c => c.Task.Id)];

    private static async Task<ReportsResponse> ReportAsync(ControlPlaneHost host, ReportsRequest request)
    {
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/reports", request);
        await Expect.StatusAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<ReportsResponse>())!;
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_claim_takes_up_to_max_tasks_in_queue_order_each_with_its_snapshot_and_its_claimed_event(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var queued = new List<Guid>();
        for (var i = 0; i < 5; i++) queued.Add((await host.SubmitAsync()).Id);

        var claim = await ClaimAsync(host, capacity: 4, max: 3);

        Assert.Equal(queued[..3], Ids(claim));
        Assert.All(claim.All, c => Assert.Equal("line5", c.Snapshot.GetProperty("device").GetString()));
        Assert.All(queued[..3], id => Assert.Equal(("agent-1", TaskState.Running), (host.Store.GetTask(id)!.Owner, host.Store.GetTask(id)!.State)));
        Assert.Equal(3, host.Store.ReadEvents(0, new EventFilter(Types: [EventTypes.TaskClaimed]), 10).Count);
        Assert.Equal(4, Assert.Single(host.Store.ListAgents()).Capacity);
        // One task left for a claim of two: it takes what there is, and the answer has no `more`.
        Assert.Equal(queued[3..4], Ids(await ClaimAsync(host, capacity: 2, max: 1)));
        Assert.Null((await ClaimAsync(host, capacity: 2, max: 2)).More);
    }

    [Fact]
    public async Task A_claim_takes_no_more_tasks_than_its_free_slots_and_refuses_a_max_out_of_range()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        for (var i = 0; i < 4; i++) await host.SubmitAsync();

        Assert.Equal(2, Ids(await ClaimAsync(host, capacity: 2, max: 8)).Count);
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 4, null, 0, "i-1", 0)), 400, "agent.invalid-max");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 100, null, 0, "i-1", 65)), 400, "agent.invalid-max");
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Reports_of_one_call_apply_in_order_and_each_alone_a_refused_one_leaves_the_others_applied(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        for (var i = 0; i < 3; i++) await host.SubmitAsync();
        var (a, b, c) = Ids(await ClaimAsync(host, capacity: 3, max: 3)) is [var x, var y, var z] ? (x, y, z) : throw new InvalidOperationException();
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{c}/completed", new ReportCompletedRequest("agent-1", Counts, "i-1")), 200);
        var unknown = Guid.NewGuid();

        var answer = await ReportAsync(host, new ReportsRequest("agent-1", [
            new TaskReport(a, TaskReport.Running, SchedulerJobId: "job-a"),
            new TaskReport(a, TaskReport.Completed, Result: Counts),
            new TaskReport(c, TaskReport.Completed, Result: Counts),
            new TaskReport(unknown, TaskReport.Running, SchedulerJobId: "job-x"),
            new TaskReport(b, TaskReport.Failed, Code: "runner.crashed", Origin: "runner", Message: "segfault"),
        ], "i-1"));

        Assert.Equal([200, 200, 409, 404, 200], answer.Outcomes.Select(o => o.Status));
        Assert.Equal((c, "completed", "task.terminal"), (answer.Outcomes[2].TaskId, answer.Outcomes[2].Kind, answer.Outcomes[2].Code));
        Assert.Equal("task.not-found", answer.Outcomes[3].Code);
        Assert.Null(answer.Claimed);
        var done = host.Store.GetTask(a)!;
        Assert.Equal((TaskState.Completed, "job-a"), (done.State, done.SchedulerJobId));
        Assert.Equal((TaskState.Failed, "runner.crashed"), (host.Store.GetTask(b)!.State, host.Store.GetTask(b)!.Error!.Code));
        Assert.Equal([EventTypes.TaskQueued, EventTypes.TaskClaimed, EventTypes.TaskRunning, EventTypes.TaskCompleted],
            host.Store.ReadEvents(0, new EventFilter(TaskId: a), 10).Select(e => e.Type));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Reports_that_claim_take_the_next_tasks_in_the_same_call(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var queued = new List<Guid>();
        for (var i = 0; i < 5; i++) queued.Add((await host.SubmitAsync()).Id);
        var held = Ids(await ClaimAsync(host, capacity: 2, max: 2));

        var answer = await ReportAsync(host, new ReportsRequest("agent-1", [.. held.Select(id => new TaskReport(id, TaskReport.Completed, Result: Counts))], "i-1", ClaimMax: 2));

        Assert.All(answer.Outcomes, o => Assert.Equal(200, o.Status));
        Assert.Equal(queued[2..4], Ids(answer.Claimed!));
        Assert.All(queued[2..4], id => Assert.Equal(TaskState.Running, host.Store.GetTask(id)!.State));
        // Nothing left to claim after the last: the answer has no `claimed`, and it does not wait.
        var last = await ReportAsync(host, new ReportsRequest("agent-1", [.. queued[2..4].Select(id => new TaskReport(id, TaskReport.Completed, Result: Counts))], "i-1", ClaimMax: 4));
        Assert.Equal(queued[4..], Ids(last.Claimed!));
        Assert.Null((await ReportAsync(host, new ReportsRequest("agent-1", [new TaskReport(queued[4], TaskReport.Completed, Result: Counts)], "i-1", ClaimMax: 4))).Claimed);
    }

    [Fact]
    public async Task A_batch_that_cannot_be_read_is_refused_whole_naming_its_entry()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var id = (await host.SubmitAsync()).Id;
        await ClaimAsync(host, capacity: 1, max: 1);

        var problem = await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/reports", new ReportsRequest("agent-1", [
            new TaskReport(id, TaskReport.Running, SchedulerJobId: "j"),
            new TaskReport(id, "finished"),
        ], "i-1")), 400, "agent.invalid-reports");
        Assert.Contains("reports[1].kind", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/reports", new ReportsRequest("agent-1", [new TaskReport(id, TaskReport.Completed)], "i-1")),
            400, "agent.invalid-result");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/reports", new ReportsRequest("agent-1", [], "i-1")), 400, "agent.invalid-reports");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/reports",
            new ReportsRequest("agent-1", [new TaskReport(id, TaskReport.Running)], "i-1", ClaimMax: 65)), 400, "agent.invalid-max");
        Assert.Equal(TaskPhase.Claimed, host.Store.GetTask(id)!.Phase);
    }

    [Fact]
    public async Task Reports_under_another_key_s_agent_id_are_refused_whole_and_recorded()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var id = (await host.SubmitAsync()).Id;
        await ClaimAsync(host, capacity: 1, max: 1);
        var intruder = await host.ClientAsync("intruder", ApiKeyRole.Agent);

        await Expect.ProblemAsync(await intruder.PostAsJsonAsync("/v1/agent/reports",
            new ReportsRequest("agent-1", [new TaskReport(id, TaskReport.Completed, Result: Counts)], "i-1", ClaimMax: 1)), 403, "agent.id-bound-to-other-key");

        Assert.Equal(TaskState.Running, host.Store.GetTask(id)!.State);
        Assert.Single(host.Store.ReadEvents(0, new EventFilter(Types: [EventTypes.AgentImpersonation]), 10));
    }
}
