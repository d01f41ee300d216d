using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerHeartbeatTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task The_heartbeat_names_every_held_task()
    {
        var a = _fixture.Server.Submit();
        var b = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        await agent.AcquireOnceAsync(CancellationToken.None);

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), _fixture.Server.Heartbeats.Last().Order(StringComparer.Ordinal));
        Assert.Equal(2, agent.HeldTasks.Count);
    }

    [Fact]
    public async Task The_heartbeat_carries_the_last_progress_line_each_runner_wrote_and_nothing_for_a_task_without_one()
    {
        var running = _fixture.Server.Submit();
        var silent = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        await agent.AcquireOnceAsync(CancellationToken.None);
        var progress = new TaskProgress(ProgressPhase.Simulate, 40, 100, "trajectories", At: DateTimeOffset.UnixEpoch);
        ProgressFile.Append(_fixture.RunDirectory(running), progress with { Done = 39 });
        ProgressFile.Append(_fixture.RunDirectory(running), progress);
        File.WriteAllText(Path.Combine(_fixture.RunDirectory(silent), RunFiles.Progress), "{\"phase\": \"simulate\", \"done\": 9, \"total\": 3");

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        var sent = Assert.Single(_fixture.Server.ProgressSent);
        Assert.Equal(progress, Assert.Single(sent, p => p.Key == running).Value);
        Assert.DoesNotContain(silent, sent.Keys);
    }

    [Fact]
    public async Task A_task_cancelled_on_the_server_has_its_job_cancelled_and_is_not_reported()
    {
        var id = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        _fixture.Server.Cancel(id);

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.CancelledJobs);
        Assert.Empty(agent.HeldTasks);
        Assert.True(Directory.Exists(_fixture.Archived(id)));
        Assert.Equal(0, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task A_task_requeued_away_from_the_agent_is_let_go_and_its_job_stopped()
    {
        var id = _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        _fixture.Server.Requeue(id);

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Equal(["fake-1"], _fixture.Scheduler.CancelledJobs);
        Assert.Empty(agent.HeldTasks);
        Assert.Equal(0, _fixture.Server.TerminalReports(id));
    }

    [Fact]
    public async Task An_unreachable_server_changes_nothing()
    {
        _fixture.Server.Submit();
        var agent = _fixture.Agent();
        await agent.AcquireOnceAsync(CancellationToken.None);
        _fixture.Server.Unavailable = 1;

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Single(agent.HeldTasks);
        Assert.Empty(_fixture.Scheduler.CancelledJobs);
    }
}
