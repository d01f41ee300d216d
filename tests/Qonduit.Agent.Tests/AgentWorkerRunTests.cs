using Qonduit.Agent.Scheduling;
using Qonduit.Agent.Tests.Fakes;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerRunTests : IDisposable
{
    private readonly AgentFixture fixture = new(slots: 2);

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task Running_the_agent_completes_every_queued_task_exactly_once_and_stops_when_asked()
    {
        var ids = Enumerable.Range(0, 6).Select(_ => fixture.Server.Submit()).ToList();
        fixture.Scheduler.OnSubmit = AgentFixture.WriteResult;
        fixture.Scheduler.FinishOnSubmit = new JobTermination(JobEndState.Completed, 0);
        using var stop = new CancellationTokenSource();
        var agent = fixture.Agent();

        var run = agent.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (ids.Any(id => fixture.Server.Task(id).State != "completed"))
            await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.All(ids, id => Assert.Equal(1, fixture.Server.TerminalReports(id)));
        Assert.Empty(agent.HeldTasks);
        Assert.NotEmpty(fixture.Server.Heartbeats);
    }

    [Fact]
    public async Task An_artifact_landing_wakes_finalisation_without_waiting_out_the_observe_interval()
    {
        var id = fixture.Server.Submit();
        using var stop = new CancellationTokenSource();
        var agent = fixture.Agent(observeInterval: TimeSpan.FromHours(1));
        var run = agent.RunAsync(stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (fixture.Scheduler.ActiveJobs.Count == 0)
            await Task.Delay(20, patience.Token);

        AgentFixture.WriteResult(fixture.RunDirectory(id));
        while (fixture.Server.Task(id).State != "completed")
            await Task.Delay(20, patience.Token);
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, fixture.Server.TerminalReports(id));
    }
}
