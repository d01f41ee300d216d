using Qonduit.Agent.Scheduling;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Scheduling.InProcess;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerRunTests : IDisposable
{
    private readonly AgentFixture _fixture = new(slots: 2);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Running_the_agent_completes_every_queued_task_exactly_once_and_stops_when_asked()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => _fixture.Server.Submit()).ToList();
        _fixture.Scheduler.OnSubmit = AgentFixture.WriteResult;
        _fixture.Scheduler.FinishOnSubmit = new JobTermination(JobEndState.Completed, 0);
        using var stop = new CancellationTokenSource();
        var agent = _fixture.Agent();

        var run = agent.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (ids.Any(id => _fixture.Server.Task(id).State != "completed"))
            await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.All(ids, id => Assert.Equal(1, _fixture.Server.TerminalReports(id)));
        Assert.Empty(agent.HeldTasks);
        Assert.NotEmpty(_fixture.Server.Heartbeats);
    }

    [Fact]
    public async Task Claims_that_find_no_work_at_once_are_spaced_by_the_retry_delay_instead_of_spinning()
    {
        // The fake answers "no work" synchronously and the claim wait is zero: nothing but the agent paces its claims.
        var agent = new AgentWorker(_fixture.Server, _fixture.Scheduler, new AgentOptions
        {
            AgentId = "agent-1",
            Slots = 2,
            RunRoot = _fixture.Root,
            ClaimWait = TimeSpan.Zero,
            RetryDelay = TimeSpan.FromHours(1),
            HeartbeatInterval = TimeSpan.FromHours(1),
        });
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => agent.RunAsync(stop.Token));
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_fixture.Server.Claims == 0) await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, _fixture.Server.Claims);
    }

    [Fact]
    public async Task An_artifact_landing_wakes_finalisation_without_waiting_out_the_observe_interval()
    {
        // One slot: once the task is held the acquisition pipeline waits for the slot instead of asking the fake server again at once.
        using var single = new AgentFixture(slots: 1);
        var id = single.Server.Submit();
        using var stop = new CancellationTokenSource();
        var agent = single.Agent(observeInterval: TimeSpan.FromHours(1));
        var run = agent.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (single.Scheduler.ActiveJobs.Count == 0)
            await Task.Delay(20, patience.Token);

        AgentFixture.WriteResult(single.RunDirectory(id));
        while (single.Server.Task(id).State != "completed")
            await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, single.Server.TerminalReports(id));
    }

    [Fact]
    public async Task With_the_in_process_scheduler_a_task_is_reported_when_its_job_ends_not_at_the_next_observation()
    {
        var id = _fixture.Server.Submit();
        using var scheduler = new InProcessScheduler(new InProcessSchedulerOptions { MaxConcurrent = 1 });
        var agent = new AgentWorker(_fixture.Server, scheduler, new AgentOptions
        {
            AgentId = "agent-1",
            RunRoot = _fixture.Root,
            ClaimWait = TimeSpan.Zero,
            ObserveInterval = TimeSpan.FromHours(1),
            HeartbeatInterval = TimeSpan.FromHours(1),
        });
        using var stop = new CancellationTokenSource();

        var run = agent.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_fixture.Server.Task(id).State != "completed") await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, _fixture.Server.TerminalReports(id));
        Assert.True(File.Exists(Path.Combine(_fixture.Archived(id), RunFiles.Result)));
    }
}
