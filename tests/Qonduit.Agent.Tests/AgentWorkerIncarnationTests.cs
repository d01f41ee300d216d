using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Tests.Fakes;

namespace Qonduit.Agent.Tests;

/// <summary>The worker's incarnation, and what it does when the control plane says a later incarnation or another key owns its work.</summary>
public sealed class AgentWorkerIncarnationTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Every_call_of_a_worker_carries_its_one_incarnation_and_a_restarted_worker_draws_another()
    {
        _fixture.Server.Submit();
        var first = _fixture.Agent();
        await first.AcquireOnceAsync(CancellationToken.None);
        await first.HeartbeatOnceAsync(CancellationToken.None);
        Assert.All(_fixture.Server.Incarnations, i => Assert.Equal(first.Incarnation, i));
        Assert.Equal(3, _fixture.Server.Incarnations.Count);

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);
        Assert.NotEqual(first.Incarnation, restarted.Incarnation);
        Assert.Equal(restarted.Incarnation, _fixture.Server.Incarnations[^1]);
    }

    [Fact]
    public async Task The_running_report_says_whether_a_cluster_holds_the_job()
    {
        var onHost = _fixture.Server.Submit();
        await _fixture.Agent().AcquireOnceAsync(CancellationToken.None);
        Assert.False(_fixture.Server.Task(onHost).SurvivesAgent);

        _fixture.Scheduler.JobsHeldByCluster = true;
        var inCluster = _fixture.Server.Submit();
        await _fixture.Agent().AcquireOnceAsync(CancellationToken.None);
        Assert.True(_fixture.Server.Task(inCluster).SurvivesAgent);
    }

    [Fact]
    public async Task A_task_a_later_incarnation_owns_is_abandoned_at_once_its_job_stopped_and_never_reported_again()
    {
        var id = _fixture.Server.Submit();
        _fixture.Server.OwnedElsewhere.Add(id);
        var agent = _fixture.Agent();

        await agent.AcquireOnceAsync(CancellationToken.None);
        await agent.ObserveOnceAsync(CancellationToken.None);

        Assert.Empty(agent.HeldTasks);
        Assert.Equal(["fake-1"], _fixture.Scheduler.CancelledJobs);
        Assert.Equal([(id, "running")], _fixture.Server.Reports.Select(r => (r.TaskId, r.Kind)));
        Assert.True(Directory.Exists(_fixture.Archived(id)));
    }

    [Fact]
    public async Task An_agent_id_bound_to_another_key_stops_the_worker_with_that_error()
    {
        _fixture.Server.Submit();
        _fixture.Server.IdBoundToOtherKey = true;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<AgentIdTakenException>(() => _fixture.Agent().RunAsync(patience.Token));
        Assert.False(patience.IsCancellationRequested);
    }

    [Fact]
    public async Task After_a_restart_unfinished_work_of_a_scheduler_whose_jobs_died_is_left_out_of_the_heartbeat_so_the_server_requeues_it()
    {
        var unfinished = _fixture.Server.Submit();
        var finished = _fixture.Server.Submit();
        var first = _fixture.Agent();
        await first.AcquireOnceAsync(CancellationToken.None);
        await first.AcquireOnceAsync(CancellationToken.None);
        AgentFixture.WriteResult(_fixture.RunDirectory(finished));
        _fixture.Scheduler.JobsOutliveAgent = false;

        var restarted = _fixture.Agent();
        await restarted.ReconcileAsync(CancellationToken.None);

        Assert.Equal([finished], _fixture.Server.Heartbeats[^1]);
        Assert.True(Directory.Exists(_fixture.Archived(unfinished)));
        Assert.Equal(0, _fixture.Server.TerminalReports(unfinished));
        Assert.DoesNotContain(unfinished, restarted.HeldTasks);
    }
}
