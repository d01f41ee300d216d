using System.Collections.Concurrent;
using Qonduit.Server.Agents;
using Qonduit.Server.Events;
using Qonduit.Server.Metrics;
using Qonduit.Server.Tasks;

namespace Qonduit.Storage.Sqlite.Tests;

public sealed class SqliteControlPlaneStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static TaskRecord Task(string device = "line5", int priority = 0) => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = device, Dialect = "openqasm2", Circuit = "OPENQASM 2.0;", Shots = 10,
        Seed = 7, AdmittedSnapshotVersion = 1, Priority = priority, Tags = ["a", "b"], CreatedAt = Now, UpdatedAt = Now,
    };

    private static DeviceVersion Device(string name = "line5", int version = 1) =>
        new(name, version, Now, "test", $"hash{version}", 5, $$"""{"device":"{{name}}","version":{{version}}}""");

    [Fact]
    public async Task A_task_round_trips_every_field()
    {
        using var db = new TempDatabase();
        var task = Task() with { Error = new TaskError("c", "runner", "m", "d"), ResultJson = """{"counts":{}}""", SchedulerJobId = "42",
            State = TaskState.Running, Phase = TaskPhase.Submitted, Owner = "agent", BoundSnapshotVersion = 3, ClaimedAt = Now, SubmittedAt = Now,
            Transpile = true, Trajectories = 8, OwnerIncarnation = "i-1", MissedHeartbeats = 1, SurvivesAgent = true };
        var stored = await db.Store.WriteAsync(w => w.InsertTask(task));
        var read = db.Store.GetTask(task.Id)!;
        Assert.Equal(task with { Sequence = stored.Sequence, Tags = read.Tags }, read);
        Assert.Equal(new[] { "a", "b" }, read.Tags.ToArray());
    }

    [Fact]
    public async Task A_write_that_throws_leaves_nothing_behind()
    {
        using var db = new TempDatabase();
        var task = Task();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await db.Store.WriteAsync<int>(w =>
        {
            w.InsertTask(task);
            w.Append(new NewEvent("task.queued", task.Id, "line5", "alice", "{}"), Now);
            throw new InvalidOperationException("abort");
        }));
        Assert.Null(db.Store.GetTask(task.Id));
        Assert.Empty(db.Store.ReadEvents(0, EventFilter.All, 10));
        await db.Store.WriteAsync(w => w.InsertTask(task));
        Assert.NotNull(db.Store.GetTask(task.Id));
    }

    [Fact]
    public async Task Events_get_a_global_increasing_sequence_and_filters_apply_in_sql()
    {
        using var db = new TempDatabase();
        var (task, other) = (Task(), Task("other"));
        var id = task.Id;
        var committed = new List<EventRecord>();
        await db.Store.WriteAsync(w =>
        {
            // A task's events are found through its row (by its seq), so both tasks are stored.
            w.InsertTask(task);
            w.InsertTask(other);
            w.Append(new NewEvent("task.queued", id, "line5", "alice", "{}"), Now);
            w.Append(new NewEvent("device.updated", null, "line5", null, "{}"), Now);
            w.Append(new NewEvent("task.completed", id, "line5", "alice", "{}"), Now);
            w.Append(new NewEvent("task_x", other.Id, "other", "bob", "{}"), Now);
            return 0;
        }, committed.AddRange);
        Assert.Equal([1L, 2, 3, 4], committed.Select(e => e.Sequence));
        Assert.Equal([1L, 3], db.Store.ReadEvents(0, new EventFilter(TaskId: id), 10).Select(e => e.Sequence));
        Assert.Equal([1L, 3], db.Store.ReadEvents(0, new EventFilter(Types: ["task.*"]), 10).Select(e => e.Sequence));
        Assert.Equal([1L, 2, 3], db.Store.ReadEvents(0, new EventFilter(Tenant: "alice"), 10).Select(e => e.Sequence));
        Assert.Equal([3L, 4], db.Store.ReadEvents(2, EventFilter.All, 10).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Device_versions_are_kept_and_the_latest_is_current()
    {
        using var db = new TempDatabase();
        await db.Store.WriteAsync(w =>
        {
            w.InsertDeviceVersion(Device(version: 1));
            w.InsertDeviceVersion(Device(version: 2));
            w.InsertDeviceVersion(Device("other"));
            return 0;
        });
        Assert.Equal(2, db.Store.GetDevice("line5")!.Version);
        Assert.Equal(1, db.Store.GetDevice("line5", 1)!.Version);
        Assert.Equal([1, 2], db.Store.DeviceHistory("line5").Select(v => v.Version));
        Assert.Equal([("line5", 2), ("other", 1)], db.Store.ListDevices().Select(d => (d.Device, d.Version)));
    }

    [Fact]
    public async Task Concurrent_claims_from_several_threads_claim_each_task_exactly_once()
    {
        using var db = new TempDatabase();
        await db.Store.WriteAsync(w =>
        {
            w.InsertDeviceVersion(Device());
            return 0;
        });
        var ledger = new TaskLedger(db.Store, new EventHub(), new WorkSignal(), TimeProvider.System, new ServerMetrics());
        for (var i = 0; i < 500; i++) await ledger.SubmitAsync(Task());
        var claimed = new ConcurrentBag<Guid>();
        var threads = Enumerable.Range(0, 6).Select(n => new Thread(() =>
        {
            var agent = new AgentCall($"agent-{n}", "incarnation", "key_1", "key");
            while (ledger.TryClaimAsync(agent, 1, []).GetAwaiter().GetResult() is [var work]) claimed.Add(work.Task.Id);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(500, claimed.Count);
        Assert.Equal(500, claimed.Distinct().Count());
        Assert.All(db.Store.ListTasks(new TaskQuery(Limit: 1000)), t => Assert.Equal((TaskState.Running, 1), (t.State, t.BoundSnapshotVersion)));
        Assert.Equal(500, db.Store.ReadEvents(0, new EventFilter(Types: ["task.claimed"]), 1000).Select(e => e.TaskId).Distinct().Count());
    }

    [Fact]
    public async Task A_second_store_on_the_same_file_sees_committed_writes_and_serialises_with_the_first()
    {
        using var db = new TempDatabase();
        using var other = new SqliteControlPlaneStore(new SqliteStoreOptions(db.Path));
        var task = Task();
        await db.Store.WriteAsync(w => w.InsertTask(task));
        Assert.NotNull(other.GetTask(task.Id));
        await other.WriteAsync(w =>
        {
            w.UpdateTask(w.GetTask(task.Id)! with { Priority = 9 });
            return 0;
        });
        Assert.Equal(9, db.Store.GetTask(task.Id)!.Priority);
    }

    [Fact]
    public async Task The_queue_is_highest_priority_first_then_oldest_and_can_be_narrowed_to_devices()
    {
        using var db = new TempDatabase();
        var old = Task();
        var urgent = Task(priority: 5);
        var elsewhere = Task("other", priority: 9);
        await db.Store.WriteAsync(w =>
        {
            w.InsertTask(old);
            w.InsertTask(urgent);
            w.InsertTask(elsewhere);
            return 0;
        });
        Assert.Equal(elsewhere.Id, await db.Store.WriteAsync(w => w.NextQueued(null)!.Id));
        Assert.Equal(urgent.Id, await db.Store.WriteAsync(w => w.NextQueued(["line5"])!.Id));
        var statistics = db.Store.Statistics();
        Assert.Equal(3, statistics.TasksByState[TaskState.Queued]);
        Assert.Equal(2, statistics.QueueDepthByDevice["line5"]);
    }
}
