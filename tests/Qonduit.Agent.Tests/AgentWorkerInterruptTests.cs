using Qonduit.Agent.Scheduling;
using Qonduit.Agent.Tests.Fakes;

namespace Qonduit.Agent.Tests;

/// <summary>Reclaim on the agent: a task the heartbeat names as interrupted has its job interrupted once and stays held until the job ends.</summary>
public sealed class AgentWorkerInterruptTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task An_interrupted_task_has_its_job_interrupted_once_and_is_heartbeated_until_its_job_ends_then_reported()
    {
        var id = _fixture.Server.Submit();
        var other = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        await agent.AcquireOnceAsync(CancellationToken.None);
        _fixture.Server.Interrupt(id);

        await agent.HeartbeatOnceAsync(CancellationToken.None);
        await agent.HeartbeatOnceAsync(CancellationToken.None);
        await agent.ObserveOnceAsync(CancellationToken.None);
        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.InterruptedJobs);
        Assert.Empty(_fixture.Scheduler.CancelledJobs);
        Assert.Contains(id, _fixture.Server.Heartbeats.Last());
        Assert.Equal(0, _fixture.Server.TerminalReports(id));

        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Cancelled, Reason: "interrupted"));
        await agent.ObserveOnceAsync(CancellationToken.None);
        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(ErrorCodes.Scheduler.JobCancelled, _fixture.Server.Task(id).Failure?.Code);
        Assert.Equal(1, _fixture.Server.TerminalReports(id));
        Assert.Equal([other], agent.HeldTasks);
        Assert.Equal([other], _fixture.Server.Heartbeats.Last());
        Assert.Equal(["fake-1"], _fixture.Scheduler.InterruptedJobs);
    }

    [Fact]
    public async Task An_interrupt_of_a_task_the_agent_does_not_hold_is_ignored()
    {
        var stray = _fixture.Server.Owned();
        _fixture.Server.Interrupt(stray);
        var agent = _fixture.Agent();

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Empty(_fixture.Scheduler.InterruptedJobs);
        Assert.Empty(_fixture.Scheduler.CancelledJobs);
        Assert.Empty(agent.HeldTasks);
    }

    [Fact]
    public async Task An_interrupt_the_scheduler_could_not_take_is_asked_again_at_the_next_heartbeat()
    {
        var id = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        _fixture.Server.Interrupt(id);
        _fixture.Scheduler.InterruptsUnavailable = 1;

        await agent.HeartbeatOnceAsync(CancellationToken.None);
        Assert.Empty(_fixture.Scheduler.InterruptedJobs);
        await agent.HeartbeatOnceAsync(CancellationToken.None);
        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.InterruptedJobs);
        Assert.Equal([id], agent.HeldTasks);
    }
}
