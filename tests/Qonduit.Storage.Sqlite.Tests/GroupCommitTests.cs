using Qonduit.Server.Tasks;

namespace Qonduit.Storage.Sqlite.Tests;

/// <summary>Writes queued while the writer is busy commit together, yet each keeps its own result, events and failure.</summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static TaskRecord Task() => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = "line5", Dialect = "openqasm2", Circuit = "OPENQASM 2.0;", Shots = 10,
        AdmittedSnapshotVersion = 1, Tags = [], CreatedAt = Now, UpdatedAt = Now,
    };

    /// <summary>Holds the writer inside a first write until released, so every write made meanwhile waits in the queue.</summary>
    private static async Task<(Task First, ManualResetEventSlim Release)> HoldWriterAsync(SqliteControlPlaneStore store)
    {
        var inside = new TaskCompletionSource();
        var release = new ManualResetEventSlim();
        var first = System.Threading.Tasks.Task.Run(async () => await store.WriteAsync(w =>
        {
            inside.SetResult();
            release.Wait();
            return w.InsertTask(Task());
        }));
        await inside.Task;
        return (first, release);
    }

    private static TaskRecord Insert(IStoreWriter w, TaskRecord task, bool fail)
    {
        var stored = w.InsertTask(task);
        w.Append(new NewEvent(EventTypes.TaskQueued, task.Id, task.Device, task.Tenant, "{}"), Now);
        return fail ? throw new InvalidOperationException($"write {task.Id} refuses") : stored;
    }

    [Fact]
    public async Task Queued_writes_commit_together_and_one_that_throws_is_rolled_back_alone()
    {
        using var db = new TempDatabase();
        var (first, release) = await HoldWriterAsync(db.Store);
        var published = new List<(Guid Task, IReadOnlyList<EventRecord> Events)>();
        var writes = Enumerable.Range(0, 40).Select(i =>
        {
            var task = Task();
            var fail = i % 5 == 0;
            return (task, fail, result: db.Store.WriteAsync(w => Insert(w, task, fail), events => published.Add((task.Id, events))).AsTask());
        }).ToList();

        release.Set();
        await first;
        foreach (var (task, fail, result) in writes)
        {
            if (fail)
            {
                await Assert.ThrowsAsync<InvalidOperationException>(() => result);
                Assert.Null(db.Store.GetTask(task.Id));
            }
            else
            {
                Assert.Equal(task.Id, (await result).Id);
                Assert.NotNull(db.Store.GetTask(task.Id));
            }
        }

        Assert.Equal(writes.Where(w => !w.fail).Select(w => w.task.Id), published.Select(p => p.Task));
        Assert.All(published, p => Assert.Equal(p.Task, Assert.Single(p.Events).TaskId));
        var sequences = published.Select(p => p.Events[0].Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences, db.Store.ReadEvents(0, EventFilter.All, 100).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_never_commits()
    {
        using var db = new TempDatabase();
        var (first, release) = await HoldWriterAsync(db.Store);
        using var cancel = new CancellationTokenSource();
        var task = Task();

        var write = db.Store.WriteAsync(w => w.InsertTask(task), cancellationToken: cancel.Token).AsTask();
        await cancel.CancelAsync();
        release.Set();
        await first;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        await db.Store.WriteAsync(w => w.InsertTask(Task()));
        Assert.Null(db.Store.GetTask(task.Id));
    }

    [Fact]
    public async Task Under_unbroken_writes_from_several_writers_the_checkpoints_keep_the_wal_from_growing()
    {
        using var db = new TempDatabase();
        // 4,000 transactions of a task with a 2 KB circuit and its event, from writers that never yield: about 250 MB pass
        // through the WAL, which without checkpoints keeps every frame (a checkpoint starved of a thread let it).
        await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 4).Select(_ => System.Threading.Tasks.Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++) await db.Store.WriteAsync(w => Insert(w, Task() with { Circuit = new string('x', 2000) }, fail: false));
        })));

        var wal = new FileInfo(db.Path + "-wal").Length;
        var database = new FileInfo(db.Path).Length;
        Assert.True(database > 8 << 20, $"the database holds the tasks: {database} bytes (WAL {wal})");
        // Checkpoints copy it beside the writes, and past 32 MB one holding the writer lets it restart: measured 25 MB on a
        // quiet machine, 69 MB with the test suites beside it; never the whole run's 250 MB.
        Assert.True(wal < 125 << 20, $"the WAL grew to {wal} bytes beside a database of {database}");
    }
}
