using Qonduit.Contracts.RunDirectories;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Agents;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

public sealed class AgentsApiTests
{
    private static readonly RunResult Counts = Samples.Result();

    [Fact]
    public async Task A_waiting_claim_is_woken_by_a_submit()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var claim = host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 60_000));
        await Eventually.TrueAsync(() => host.Store.ListAgents().Any(), "the claim to look for work");
        Assert.False(claim.IsCompleted);

        var task = await host.SubmitAsync();
        var response = await claim;
        await Expect.StatusAsync(response, 200);
        var claimed = (await response.Content.ReadFromJsonAsync<ClaimResponse>())!;
        Assert.Equal(task.Id, claimed.Task.Id);
        Assert.Equal(Samples.Bell, claimed.Task.Circuit);
        Assert.Equal("line5", claimed.Snapshot.GetProperty("device").GetString());
    }

    [Fact]
    public async Task A_claim_with_nothing_queued_answers_204_when_its_wait_elapses()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var claim = host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 5_000));
        await Eventually.TrueAsync(() => host.Store.ListAgents().Any(), "the claim to look for work");
        await Eventually.TrueAsync(() => { host.Clock.Advance(TimeSpan.FromSeconds(6)); return claim.IsCompleted; }, "the wait to elapse");
        await Expect.StatusAsync(await claim, 204);
    }

    [Fact]
    public async Task Claims_take_only_the_devices_the_agent_names_highest_priority_first()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.RegisterAsync(Samples.Line("other"));
        await host.SubmitAsync(device: "other");
        var low = await host.SubmitAsync();
        var high = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 10, Priority: 5));
        var highId = (await high.Content.ReadFromJsonAsync<TaskView>())!.Id;

        var first = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("a", 1, ["line5"], 0));
        var second = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("a", 1, ["line5"], 0));
        var third = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("a", 1, ["line5"], 0));
        Assert.Equal(highId, (await first.Content.ReadFromJsonAsync<ClaimResponse>())!.Task.Id);
        Assert.Equal(low.Id, (await second.Content.ReadFromJsonAsync<ClaimResponse>())!.Task.Id);
        await Expect.StatusAsync(third, 204);
    }

    [Fact]
    public async Task Reports_move_the_task_and_each_transition_appends_one_event()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        var running = await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/running", new ReportRunningRequest("agent-1", "slurm-42"));
        Assert.Equal(TaskPhase.Submitted, (await running.Content.ReadFromJsonAsync<TaskView>())!.Step);
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("agent-1", Counts)), 200);

        var events = host.Store.ReadEvents(0, new EventFilter(TaskId: task.Id), 100).Select(e => e.Type);
        Assert.Equal([EventTypes.TaskQueued, EventTypes.TaskClaimed, EventTypes.TaskRunning, EventTypes.TaskCompleted], events);
        Assert.Equal("slurm-42", host.Store.GetTask(task.Id)!.SchedulerJobId);
    }

    [Fact]
    public async Task A_report_from_an_agent_that_does_not_own_the_task_is_refused_and_recorded()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync("agent-1");

        var response = await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("agent-2", Counts));
        await Expect.ProblemAsync(response, 409, "task.not-owner");
        Assert.Equal(TaskState.Running, host.Store.GetTask(task.Id)!.State);
        var evidence = Assert.Single(host.Store.ReadEvents(0, new EventFilter(TaskId: task.Id, Types: [EventTypes.TaskReportRejected]), 10));
        Assert.Contains("agent-2", evidence.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_terminal_report_is_rejected_and_kept_as_evidence()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync("agent-1");
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("agent-1", Counts)), 200);

        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("agent-1", Counts)), 409, "task.terminal");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/failed",
            new ReportFailedRequest("agent-1", "runner.crashed", "runner", "late failure")), 409, "task.terminal");

        Assert.Equal(TaskState.Completed, host.Store.GetTask(task.Id)!.State);
        var types = host.Store.ReadEvents(0, new EventFilter(TaskId: task.Id), 100).Select(e => e.Type).ToList();
        Assert.Single(types, t => t == EventTypes.TaskCompleted);
        Assert.Equal(2, types.Count(t => t == EventTypes.TaskReportRejected));
    }

    [Fact]
    public async Task A_failure_report_keeps_code_origin_message_and_detail()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/failed",
            new ReportFailedRequest("agent-1", "scheduler.job-lost", "scheduler", "sbatch job vanished", "squeue: invalid job id")), 200);
        Assert.Equal(new TaskError("scheduler.job-lost", "scheduler", "sbatch job vanished", "squeue: invalid job id"), host.Store.GetTask(task.Id)!.Error);
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/failed",
            new ReportFailedRequest("agent-1", "x", "elsewhere", "m")), 400, "agent.invalid-origin");
    }

    [Fact]
    public async Task Heartbeat_answers_which_owned_tasks_were_cancelled_and_which_are_unknown()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var kept = await host.SubmitAsync();
        var cancelled = await host.SubmitAsync();
        await host.ClaimAsync("agent-1");
        await host.ClaimAsync("agent-1");
        await host.Alice.PostAsync($"/v1/tasks/{cancelled.Id}/cancel", null);
        var stranger = Guid.NewGuid();

        var response = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [kept.Id, cancelled.Id, stranger]));
        var answer = (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!;
        Assert.Equal([cancelled.Id], answer.Cancelled);
        Assert.Equal([stranger], answer.Unknown);
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{cancelled.Id}/completed", new ReportCompletedRequest("agent-1", Counts)), 409, "task.terminal");
    }

    [Fact]
    public async Task Heartbeat_expiry_marks_agents_and_tasks_stale_but_changes_no_state()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync("agent-1");
        Assert.False((await host.Admin.GetFromJsonAsync<List<AgentView>>("/v1/agents"))!.Single().Stale);

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await host.Get<AgentStaleMonitor>().ScanAsync();

        var agent = (await host.Admin.GetFromJsonAsync<List<AgentView>>("/v1/agents"))!.Single();
        Assert.True(agent.Stale);
        Assert.Equal([task.Id], agent.OwnedTasks);
        var view = (await host.Admin.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!;
        Assert.Equal(TaskState.Running, view.State);
        Assert.True(view.Stale);
        var markers = host.Store.ReadEvents(0, new EventFilter(Types: ["agent.stale", "task.stale"]), 10).Select(e => e.Type);
        Assert.Equal([EventTypes.AgentStale, EventTypes.TaskStale], markers);
        await host.Get<AgentStaleMonitor>().ScanAsync();
        Assert.Equal(2, host.Store.ReadEvents(0, new EventFilter(Types: ["agent.*", "task.stale"]), 10).Count);
    }

    [Fact]
    public async Task Requeue_needs_a_stale_owner_or_force_and_increments_the_attempt()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync("agent-1");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new RequeueRequest()), 409, "task.owner-alive");

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var response = await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new RequeueRequest());
        var requeued = (await response.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.Equal(TaskState.Queued, requeued.State);
        Assert.Equal(2, requeued.Attempt);
        Assert.Null(requeued.Owner);

        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{task.Id}/completed", new ReportCompletedRequest("agent-1", Counts)), 409, "task.illegal-transition");
        var reclaimed = await host.ClaimAsync("agent-2");
        Assert.Equal(2, reclaimed.Task.Attempt);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new RequeueRequest(Force: true)), 200);
    }

    [Fact]
    public async Task Force_fail_records_the_reason_and_terminal_tasks_absorb_admin_operations()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        var response = await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/force-fail", new ForceFailRequest("device retired"));
        var failed = (await response.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.Equal(TaskState.Failed, failed.State);
        Assert.Equal(new TaskError("admin.force-failed", "admin", "device retired"), failed.Error);

        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/force-fail", new ForceFailRequest("again")), 409, "task.terminal");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new RequeueRequest(Force: true)), 409, "task.terminal");
        await Expect.ProblemAsync(await host.Admin.PostAsync($"/v1/tasks/{task.Id}/cancel", null), 409, "task.terminal");
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/force-fail", new ForceFailRequest(" ")), 400, "task.missing-reason");
    }

    [Fact]
    public async Task Protocol_errors_are_typed()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest(null)), 400, "agent.missing-id");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("a", 0)), 400, "agent.invalid-capacity");
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{Guid.NewGuid()}/running", new ReportRunningRequest("a")), 404, "task.not-found");
        await Expect.ProblemAsync(await host.Agent.PostAsync("/v1/agent/heartbeat", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), 400, "request.invalid");
    }

    [Fact]
    public async Task Agents_list_shows_key_capacity_devices_and_owned_tasks()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-9", 4, ["line5"], 0));
        var agent = (await host.Admin.GetFromJsonAsync<List<AgentView>>("/v1/agents"))!.Single();
        Assert.Equal(("agent-9", "agent-key", host.Clock.GetUtcNow(), 4, false), (agent.AgentId, agent.KeyName, agent.LastHeartbeat, agent.Capacity, agent.Stale));
        Assert.Equal(["line5"], agent.Devices);
        Assert.Equal([task.Id], agent.OwnedTasks);
    }
}
