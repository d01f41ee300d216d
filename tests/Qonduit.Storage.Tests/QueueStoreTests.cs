using Qonduit.Contracts.Tasks;

namespace Qonduit.Storage.Tests;

/// <summary>Both adapters agree on claim order: the queue read and the count of a task's predecessors.</summary>
public sealed class QueueStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static TaskRecord Task(string device, int priority = 0) => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = device, Dialect = "openqasm2", Circuit = "OPENQASM 2.0;", Shots = 10,
        AdmittedSnapshotVersion = 1, CreatedAt = Now, UpdatedAt = Now, Priority = priority,
    };

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_task_counts_the_higher_priority_and_older_tasks_of_its_device_as_ahead_of_it(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var stored = await store.Store.WriteAsync(w => new[]
        {
            w.InsertTask(Task("line5")), w.InsertTask(Task("line5")), w.InsertTask(Task("other")), w.InsertTask(Task("line5", priority: 5)),
            w.InsertTask(Task("line5")),
        });
        var (first, second, _, urgent, last) = (stored[0], stored[1], stored[2], stored[3], stored[4]);

        Assert.Equal([0, 1, 2, 3], new[] { urgent, first, second, last }.Select(store.Store.CountQueuedAhead));
        Assert.Equal([urgent.Id, first.Id, second.Id, last.Id], store.Store.QueueOrder("line5").Select(e => e.Id));
        Assert.Equal(0, store.Store.CountQueuedAhead(stored[2]));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Placement_sees_the_first_task_of_each_requirement_however_many_wait_behind_one_that_matches_nothing(StoreKind kind)
    {
        using var store = new TestStore(kind);
        const string Nothing = "select[kind=='gpu']", Sim = "select[kind=='sim']";
        for (var i = 0; i < 100; i++) await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with { Requirement = Nothing }));
        var sim = await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with { Requirement = Sim }));
        var urgent = await store.Store.WriteAsync(w => w.InsertTask(Task("line5", priority: 5) with { Requirement = Nothing }));
        await store.Store.WriteAsync(w => w.InsertTask(Task("line5")));

        var heads = store.Store.QueuedRequirementHeads(10);

        // Claim order: the urgent task heads its requirement; the sim task is seen although 100 older tasks wait before it.
        Assert.Equal([urgent.Id, sim.Id], heads.Select(t => t.Id));
        Assert.Equal([urgent.Id], store.Store.QueuedRequirementHeads(1).Select(t => t.Id));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_requirement_task_keeps_its_requirement_and_noise_and_is_never_taken_by_device(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var placed = await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with { Requirement = "select[kind=='sim']", Noise = "ideal" }));

        Assert.Null(await store.Store.WriteAsync(w => w.NextQueued(null)));
        Assert.Equal(("select[kind=='sim']", "ideal"), (store.Store.GetTask(placed.Id)!.Requirement, store.Store.GetTask(placed.Id)!.Noise));
        await store.Store.WriteAsync(w => { w.UpdateTask(placed with { Device = "other" }); return 0; });
        Assert.Equal("other", store.Store.GetTask(placed.Id)!.Device);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Running_placed_tasks_say_where_they_run_and_what_chose_it_and_a_requeued_or_queued_one_is_not_among_them(StoreKind kind)
    {
        using var store = new TestStore(kind);
        const string Requirement = "{select[kind=='qpu']} || {select[kind=='sim'] rusage[licenses=1]}@5s";
        var running = await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with
        {
            Requirement = Requirement, State = TaskState.Running, Owner = "a1", ClaimedAt = Now, Resource = "sim-a", PlacedAlternative = 1,
        }));
        await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with { Requirement = Requirement }));
        await store.Store.WriteAsync(w => w.InsertTask(Task("line5") with { State = TaskState.Running, Owner = "a1", ClaimedAt = Now }));

        Assert.Equal([new PlacedRun(running.Id, "sim-a", Requirement, 1, Now)], store.Store.RunningPlaced());
        await store.Store.WriteAsync(w => { w.UpdateTask(running with { State = TaskState.Completed, FinishedAt = Now }); return 0; });
        Assert.Empty(store.Store.RunningPlaced());
        Assert.Equal(("sim-a", 1), (store.Store.GetTask(running.Id)!.Resource, store.Store.GetTask(running.Id)!.PlacedAlternative));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_task_without_a_device_is_kept_under_the_reserved_name_listed_by_it_and_only_ever_placed(StoreKind kind)
    {
        using var store = new TestStore(kind);
        // The server stores a requirement task without a device under "ideal", a name no device may be registered under.
        var ideal = await store.Store.WriteAsync(w => w.InsertTask(Task("ideal") with { Requirement = "select[kind=='sim']", Noise = "ideal", Transpile = false }));

        Assert.Null(await store.Store.WriteAsync(w => w.NextQueued(["ideal"])));
        Assert.Null(await store.Store.WriteAsync(w => w.NextQueued(null)));
        Assert.Equal([ideal.Id], store.Store.QueuedRequirementHeads(10).Select(t => t.Id));
        var read = store.Store.GetTask(ideal.Id)!;
        Assert.Equal(("ideal", "ideal", false, 1), (read.Device, read.Noise, read.Transpile, read.AdmittedSnapshotVersion));
        Assert.Equal([ideal.Id], store.Store.ListTasks(new TaskQuery(Device: "ideal")).Select(t => t.Id));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_command_task_keeps_its_command_and_placement_takes_the_head_of_each_command_of_one_requirement(StoreKind kind)
    {
        using var store = new TestStore(kind);
        const string Requirement = "select[kind=='cpu']";
        TaskRecord Command(string name, params string[] args) =>
            Task("command") with { Requirement = Requirement, Circuit = "", Shots = 0, Command = new TaskCommand(name, args, "in\n") };
        var diag = await store.Store.WriteAsync(w => w.InsertTask(Command("diag", "--n", "4")));
        await store.Store.WriteAsync(w => w.InsertTask(Command("diag", "--n", "5")));
        var fit = await store.Store.WriteAsync(w => w.InsertTask(Command("fit")));
        var circuit = await store.Store.WriteAsync(w => w.InsertTask(Task("ideal") with { Requirement = Requirement }));

        var read = store.Store.GetTask(diag.Id)!;
        Assert.Equal(("diag", "--n 4", "in\n"), (read.Command!.Name, string.Join(' ', read.Command.Args!), read.Command.Stdin));
        Assert.Null(store.Store.GetTask(circuit.Id)!.Command);
        // Tasks of one command share their candidates; another command's, or a circuit's, are heads of their own.
        Assert.Equal([diag.Id, fit.Id, circuit.Id], store.Store.QueuedRequirementHeads(10).Select(t => t.Id));
        await store.Store.WriteAsync(w => { w.UpdateTask(read with { State = TaskState.Running, Owner = "a1", ClaimedAt = Now }); return 0; });
        Assert.Equal("diag", store.Store.GetTask(diag.Id)!.Command!.Name);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_pools_queued_demand_counts_each_consumers_queued_tasks_bound_to_it_and_every_queued_requirement_task(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var tasks = await store.Store.WriteAsync(w => new[]
        {
            w.InsertTask(Task("line5") with { Consumer = "/chem" }), w.InsertTask(Task("line5") with { Consumer = "/chem" }),
            w.InsertTask(Task("line5") with { Consumer = "/opt" }), w.InsertTask(Task("other") with { Consumer = "/opt" }),
            w.InsertTask(Task("other") with { Consumer = "/phys" }),
            w.InsertTask(Task("other") with { Consumer = "/chem", Requirement = "select[kind=='qpu']" }),
            w.InsertTask(Task("other") with { Consumer = "/bio", Requirement = "select[kind=='sim']" }),
            w.InsertTask(Task("line5") with { Consumer = "/chem", State = TaskState.Running, Owner = "a1", ClaimedAt = Now }),
            w.InsertTask(Task("line5") with { Consumer = "/opt", State = TaskState.Completed, ClaimedAt = Now, FinishedAt = Now }),
        });

        IEnumerable<(string, int)> Demand(string pool) => store.Store.QueuedDemand(pool).Select(d => (d.Key, d.Value)).Order();

        Assert.Equal([("/bio", 1), ("/chem", 3), ("/opt", 1)], Demand("line5"));
        Assert.Equal([("/bio", 1), ("/chem", 1), ("/opt", 1), ("/phys", 1)], Demand("other"));

        // Claimed, then one requeued on another device (a placed run going back to its submitted device), the running one
        // requeued where it was: demand follows every change of state and device.
        await store.Store.WriteAsync(w =>
        {
            w.UpdateTask(tasks[0] with { State = TaskState.Running, Owner = "a1", ClaimedAt = Now });
            w.UpdateTask(tasks[2] with { State = TaskState.Running, Owner = "a1", ClaimedAt = Now });
            return 0;
        });
        Assert.Equal([("/bio", 1), ("/chem", 2)], Demand("line5"));
        await store.Store.WriteAsync(w =>
        {
            w.UpdateTask(tasks[2] with { Device = "other" });
            w.UpdateTask(tasks[7] with { State = TaskState.Queued, Owner = null, ClaimedAt = null });
            w.UpdateTask(tasks[1] with { Priority = 5 });
            return 0;
        });
        Assert.Equal([("/bio", 1), ("/chem", 3)], Demand("line5"));
        Assert.Equal([("/bio", 1), ("/chem", 1), ("/opt", 2), ("/phys", 1)], Demand("other"));
    }
}
