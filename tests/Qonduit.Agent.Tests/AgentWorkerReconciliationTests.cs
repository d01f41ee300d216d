using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerReconciliationTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>An agent that claimed and submitted a task, then died (its jobs live on in the scheduler).</summary>
    private async Task<string> ClaimedByAnAgentThatDied()
    {
        var id = _fixture.Server.Submit();
        await _fixture.Agent().AcquireOnceAsync(CancellationToken.None);
        return id;
    }

    [Fact]
    public async Task An_artifact_finished_while_the_agent_was_down_is_reported_without_running_again()
    {
        var id = await ClaimedByAnAgentThatDied();
        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);
        await restarted.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal("completed", _fixture.Server.Task(id).State);
        Assert.Equal(1, _fixture.Server.TerminalReports(id));
        Assert.Equal(1, _fixture.Scheduler.SubmitCount);
    }

    [Fact]
    public async Task A_job_still_running_is_adopted_and_heartbeats_resume()
    {
        var id = await ClaimedByAnAgentThatDied();

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);
        await restarted.ObserveOnceAsync(CancellationToken.None);
        await restarted.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal([id], restarted.HeldTasks);
        Assert.Contains(id, _fixture.Server.Heartbeats.Last());
        Assert.Equal(1, _fixture.Scheduler.SubmitCount);
        Assert.Equal(0, _fixture.Server.TerminalReports(id));

        AgentFixture.WriteResult(_fixture.RunDirectory(id));
        _fixture.Scheduler.Finish("fake-1", new JobTermination(JobEndState.Completed, 0));
        await restarted.ObserveOnceAsync(CancellationToken.None);
        Assert.Equal("completed", _fixture.Server.Task(id).State);
    }

    [Fact]
    public async Task A_task_cancelled_while_the_agent_was_down_has_its_job_cancelled_and_its_directory_archived()
    {
        var id = await ClaimedByAnAgentThatDied();
        _fixture.Server.Cancel(id);

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.CancelledJobs);
        Assert.False(Directory.Exists(_fixture.RunDirectory(id)));
        Assert.True(Directory.Exists(_fixture.Archived(id)));
        Assert.Empty(restarted.HeldTasks);
        Assert.Equal(0, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task A_task_requeued_while_the_agent_was_down_is_archived_not_reported()
    {
        var id = await ClaimedByAnAgentThatDied();
        _fixture.Server.Requeue(id);

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Empty(restarted.HeldTasks);
        Assert.True(Directory.Exists(_fixture.Archived(id)));
        Assert.Equal(0, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task A_claim_materialised_but_never_submitted_is_submitted_after_the_restart()
    {
        var id = _fixture.Server.Owned();
        var dir = Directory.CreateDirectory(_fixture.RunDirectory(id)).FullName;
        PayloadFile.Write(dir, new RunPayload
        {
            TaskId = id, Dialect = Dialects.OpenQasm2, Circuit = FakeControlPlane.Circuit, Shots = 10, Seed = 1, Snapshot = FakeControlPlane.Snapshot,
        });

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Equal(1, _fixture.Scheduler.SubmitCount);
        Assert.Equal("fake-1", _fixture.Server.Task(id).JobId);
    }

    [Fact]
    public async Task A_submit_interrupted_before_its_job_id_was_recorded_is_failed_not_repeated()
    {
        var id = _fixture.Server.Owned();
        var dir = Directory.CreateDirectory(_fixture.RunDirectory(id)).FullName;
        PayloadFile.Write(dir, new RunPayload
        {
            TaskId = id, Dialect = Dialects.OpenQasm2, Circuit = FakeControlPlane.Circuit, Shots = 10, Seed = 1, Snapshot = FakeControlPlane.Snapshot,
        });
        new RunDirectory(dir).MarkSubmitIntended();

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Equal(0, _fixture.Scheduler.SubmitCount);
        Assert.Equal(ErrorCodes.Agent.SubmitInterrupted, _fixture.Server.Task(id).Failure?.Code);
    }

    [Fact]
    public async Task A_running_report_lost_in_the_crash_is_sent_after_the_restart()
    {
        var id = _fixture.Server.Submit();
        _fixture.Server.Unavailable = 0;
        var first = _fixture.Agent();
        _fixture.Server.Unavailable = 0;
        await first.AcquireOnceAsync(CancellationToken.None);
        File.Delete(Path.Combine(_fixture.RunDirectory(id), RunDirectory.RunningReportedFile));
        _fixture.Server.Task(id).JobId = null;

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);
        await restarted.ObserveOnceAsync(CancellationToken.None);

        Assert.Equal("fake-1", _fixture.Server.Task(id).JobId);
    }

    [Fact]
    public async Task Reconciliation_waits_for_the_server_rather_than_acting_blind()
    {
        var id = await ClaimedByAnAgentThatDied();
        _fixture.Server.Cancel(id);
        _fixture.Server.Unavailable = 3;

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.CancelledJobs);
        Assert.Empty(restarted.HeldTasks);
    }
}
