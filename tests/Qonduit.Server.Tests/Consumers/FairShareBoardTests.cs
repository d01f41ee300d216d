using Microsoft.Extensions.Options;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Consumers;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Tests.Shared;

namespace Qonduit.Server.Tests.Consumers;

/// <summary>Usage as fair share reads it: charged while a task runs, counted once when it ends, decayed, the same after a restart.</summary>
public sealed class FairShareBoardTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static FairShareBoard Board(IControlPlaneStore store, TimeProvider clock, TimeSpan halfLife) =>
        new(store, new ConsumerPolicy(store), clock, Options.Create(new ServerOptions { FairShareHalfLife = halfLife }));

    private static double Usage(FairShareStanding standing, string kind = "qpu") => standing.Reports[kind].Single(r => r.Path == "/default").RawUsage;

    private static TaskRecord Running(DateTimeOffset claimed, string kind = "qpu") => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = "line5", Dialect = "openqasm2", Circuit = Samples.Bell, Shots = 10, AdmittedSnapshotVersion = 1,
        CreatedAt = claimed, UpdatedAt = claimed, ClaimedAt = claimed, State = TaskState.Running, Owner = "a1", ResourceKind = kind,
    };

    [Fact]
    public async Task A_running_task_is_charged_as_it_runs_and_once_it_ends_it_counts_once_however_often_usage_is_recomputed()
    {
        var store = new InMemoryControlPlaneStore();
        var clock = new ManualTimeProvider(Start);
        var board = Board(store, clock, TimeSpan.Zero);
        var task = Running(Start);
        await store.WriteAsync(w => w.InsertTask(task));

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(30, Usage(board.Recompute()), 1e-9);
        Assert.Equal(0, Usage(board.Standing, "sim"));

        clock.Advance(TimeSpan.FromSeconds(10));
        await store.WriteAsync(w => { w.UpdateTask(w.GetTask(task.Id)! with { State = TaskState.Completed, FinishedAt = clock.GetUtcNow() }); return 0; });
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(40, Usage(board.Recompute()), 1e-9);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(40, Usage(board.Recompute()), 1e-9);
    }

    [Fact]
    public async Task Usage_decayed_step_by_step_equals_what_a_restarted_server_reads_from_the_ended_tasks()
    {
        var store = new InMemoryControlPlaneStore();
        var clock = new ManualTimeProvider(Start);
        var halfLife = TimeSpan.FromHours(1);
        var live = Board(store, clock, halfLife);
        live.Recompute();
        var ends = new List<(double Seconds, DateTimeOffset At)>();
        foreach (var seconds in new[] { 100, 300, 50 })
        {
            var task = Running(clock.GetUtcNow(), "sim");
            clock.Advance(TimeSpan.FromSeconds(seconds));
            await store.WriteAsync(w => w.InsertTask(task with { State = TaskState.Completed, FinishedAt = clock.GetUtcNow() }));
            ends.Add((seconds, clock.GetUtcNow()));
            clock.Advance(TimeSpan.FromMinutes(20));
            live.Recompute();
        }

        var incremental = Usage(live.Recompute(), "sim");
        var expected = ends.Sum(e => e.Seconds * Math.Pow(0.5, (clock.GetUtcNow() - e.At) / halfLife));
        Assert.Equal(expected, incremental, 1e-6);
        Assert.Equal(expected, Usage(Board(store, clock, halfLife).Recompute(), "sim"), 1e-6);
        Assert.Equal(0, Usage(live.Standing));
    }
}
