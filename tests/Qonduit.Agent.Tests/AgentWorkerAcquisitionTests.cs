using Qonduit.Agent.Commands;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerAcquisitionTests : IDisposable
{
    private readonly AgentFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task A_claim_is_materialised_with_the_full_bound_snapshot_before_it_is_submitted()
    {
        var id = _fixture.Server.Submit(seed: 42, shots: 300);
        RunPayload? seenAtSubmit = null;
        _fixture.Scheduler.OnSubmit = dir => seenAtSubmit = PayloadFile.Read(dir);

        Assert.True(await _fixture.Agent().AcquireOnceAsync(CancellationToken.None));

        Assert.NotNull(seenAtSubmit);
        Assert.Equal(id, seenAtSubmit.TaskId);
        Assert.Equal(300, seenAtSubmit.Shots);
        Assert.Equal(42UL, seenAtSubmit.Seed);
        Assert.Equal(FakeControlPlane.Circuit, seenAtSubmit.Circuit);
        Assert.Equal(FakeControlPlane.Snapshot.Version, seenAtSubmit.Snapshot.Version);
        Assert.Equal(SnapshotHash.Compute(FakeControlPlane.Snapshot), SnapshotHash.Compute(seenAtSubmit.Snapshot));
    }

    [Fact]
    public async Task A_claimed_command_is_resolved_to_the_operators_own_argv_and_timeout_with_the_users_args_and_stdin_after_it()
    {
        using var fixture = new AgentFixture { Commands = new Dictionary<string, DeclaredCommand> { ["diag"] = new() { Argv = ["/opt/sqd/diag", "--fast"], TimeoutSeconds = 90 } } };
        var id = fixture.Server.Submit(shots: 0, command: new TaskCommand("diag", ["--n", "4"], "{}"));

        Assert.True(await fixture.Agent().AcquireOnceAsync(CancellationToken.None));

        var command = PayloadFile.Read(fixture.RunDirectory(id)).Command!;
        Assert.Equal(("diag", "/opt/sqd/diag --fast", "--n 4", "{}", 90),
            (command.Name, string.Join(' ', command.Argv), string.Join(' ', command.Args), command.Stdin, command.TimeoutSeconds));
    }

    [Fact]
    public async Task A_command_the_agent_no_longer_declares_gets_no_argv_so_the_runner_fails_it_rather_than_run_anything_else()
    {
        var id = _fixture.Server.Submit(shots: 0, command: new TaskCommand("diag", ["/bin/rm"]));

        Assert.True(await _fixture.Agent().AcquireOnceAsync(CancellationToken.None));

        var command = PayloadFile.Read(_fixture.RunDirectory(id)).Command!;
        Assert.Equal((0, "/bin/rm"), (command.Argv.Count, command.Args.Single()));
    }

    [Fact]
    public async Task Report_running_carries_the_job_id_the_scheduler_gave()
    {
        var id = _fixture.Server.Submit();
        await _fixture.Agent().AcquireOnceAsync(CancellationToken.None);

        Assert.Equal("fake-1", _fixture.Server.Task(id).JobId);
        var job = new RunDirectory(_fixture.RunDirectory(id)).ReadJob();
        Assert.Equal(("fake", "fake-1"), (job?.Scheduler, job?.JobId));
    }

    [Fact]
    public async Task A_task_without_a_seed_runs_with_one_derived_from_its_id()
    {
        var id = _fixture.Server.Submit(seed: null);
        await _fixture.Agent().AcquireOnceAsync(CancellationToken.None);

        Assert.Equal(AgentWorker.SeedOf(id), PayloadFile.Read(_fixture.RunDirectory(id)).Seed);
    }

    [Fact]
    public async Task The_agent_claims_for_all_its_free_slots_at_once_and_only_while_one_is_free()
    {
        _fixture.Server.Submit();
        _fixture.Server.Submit();
        _fixture.Server.Submit();
        var agent = _fixture.Agent();

        Assert.True(await agent.AcquireOnceAsync(CancellationToken.None));
        Assert.Equal(2, agent.HeldTasks.Count);
        Assert.False(await agent.AcquireOnceAsync(CancellationToken.None));

        Assert.Equal(1, _fixture.Server.Claims);
        Assert.Equal(0, agent.FreeSlots);
    }

    [Fact]
    public async Task An_empty_long_poll_holds_nothing()
    {
        var agent = _fixture.Agent();
        Assert.False(await agent.AcquireOnceAsync(CancellationToken.None));
        Assert.Empty(agent.HeldTasks);
    }
}
