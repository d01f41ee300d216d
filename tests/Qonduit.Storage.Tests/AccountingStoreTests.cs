using Qonduit.Contracts.Tasks;

namespace Qonduit.Storage.Tests;

/// <summary>Both adapters total what ended tasks used alike: per consumer, user, device and period, over a window on their end.</summary>
public sealed class AccountingStoreTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 31, 22, 30, 0, TimeSpan.Zero);

    private static TaskRecord Ended(string tenant, string consumer, string device, DateTimeOffset finished, TaskState state = TaskState.Completed,
        double? lane = 10, double? cpu = 0.5, int? simulations = 1, int shots = 100) => new()
    {
        Id = Guid.NewGuid(), Tenant = tenant, Consumer = consumer, Device = device, Dialect = "openqasm2", Circuit = "", Shots = shots,
        AdmittedSnapshotVersion = 1, CreatedAt = finished.AddMinutes(-5), UpdatedAt = finished, ClaimedAt = finished.AddSeconds(-(lane ?? 3)),
        FinishedAt = finished, State = state, LaneSeconds = lane, CpuSeconds = cpu, Simulations = simulations, ResourceKind = lane is null ? "simulator" : "qpu",
    };

    private static readonly TaskRecord[] Tasks =
    [
        Ended("alice", "/chem/alice", "line5", Start),
        Ended("alice", "/chem/alice", "line5", Start.AddMinutes(40), lane: 2.5, cpu: 0.25, simulations: 8, shots: 1000),
        Ended("alice", "/chem/alice", "pool", Start.AddHours(2), lane: null, cpu: 3, simulations: 1),
        Ended("bob", "/opt/bob", "line5", Start.AddHours(1), TaskState.Failed, lane: 4, cpu: null, simulations: null),
        Ended("bob", "/opt/bob", "line5", Start.AddDays(1), TaskState.Cancelled, lane: 1, cpu: null, simulations: null),
    ];

    private static async Task<TestStore> Seeded(StoreKind kind)
    {
        var store = new TestStore(kind);
        var outside = Ended("carol", "/opt/carol", "line5", Start.AddDays(-1));
        var neverRan = Ended("carol", "/opt/carol", "line5", Start.AddMinutes(1), TaskState.Cancelled) with { ClaimedAt = null, LaneSeconds = null };
        await store.Store.WriteAsync(w =>
        {
            foreach (var task in Tasks.Append(outside).Append(neverRan)) w.InsertTask(task);
            return 0;
        });
        return store;
    }

    private static AccountingTotal Sum(string key, IEnumerable<TaskRecord> tasks) => new(key, tasks.Count(), tasks.Sum(t => t.LaneSeconds ?? 0),
        tasks.Sum(t => t.State == TaskState.Completed ? t.Shots : 0), tasks.Sum(t => t.Simulations ?? 0), tasks.Sum(t => t.CpuSeconds ?? 0));

    private static AccountingQuery Window(AccountingGrouping by, AccountingPeriod period = AccountingPeriod.Day, string? tenant = null) =>
        new(Start, Start.AddDays(2), by, period, tenant);

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task The_totals_of_each_group_are_the_sums_of_the_figures_of_the_tasks_that_ran_and_ended_in_the_window(StoreKind kind)
    {
        using var store = await Seeded(kind);

        Assert.Equal([Sum("/chem/alice", Tasks[..3]), Sum("/opt/bob", Tasks[3..])], store.Store.AccountingTotals(Window(AccountingGrouping.Consumer)));
        Assert.Equal([Sum("alice", Tasks[..3]), Sum("bob", Tasks[3..])], store.Store.AccountingTotals(Window(AccountingGrouping.User)));
        Assert.Equal([Sum("line5", [Tasks[0], Tasks[1], Tasks[3], Tasks[4]]), Sum("pool", [Tasks[2]])],
            store.Store.AccountingTotals(Window(AccountingGrouping.Device)));
        Assert.Equal(new AccountingTotal("alice", 3, 12.5, 1200, 10, 3.75), store.Store.AccountingTotals(Window(AccountingGrouping.User))[0]);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_user_sees_only_the_totals_of_their_own_tasks(StoreKind kind)
    {
        using var store = await Seeded(kind);

        Assert.Equal([Sum("/opt/bob", Tasks[3..])], store.Store.AccountingTotals(Window(AccountingGrouping.Consumer, tenant: "bob")));
        Assert.Empty(store.Store.AccountingTotals(Window(AccountingGrouping.Consumer, tenant: "nobody")));
    }

    [Theory]
    [InlineData(StoreKind.InMemory, AccountingPeriod.Hour, new[] { "2025-01-31T22:00:00Z", "2025-01-31T23:00:00Z", "2025-02-01T00:00:00Z", "2025-02-01T22:00:00Z" }, new[] { 1, 2, 1, 1 })]
    [InlineData(StoreKind.Sqlite, AccountingPeriod.Hour, new[] { "2025-01-31T22:00:00Z", "2025-01-31T23:00:00Z", "2025-02-01T00:00:00Z", "2025-02-01T22:00:00Z" }, new[] { 1, 2, 1, 1 })]
    [InlineData(StoreKind.InMemory, AccountingPeriod.Day, new[] { "2025-01-31T00:00:00Z", "2025-02-01T00:00:00Z" }, new[] { 3, 2 })]
    [InlineData(StoreKind.Sqlite, AccountingPeriod.Day, new[] { "2025-01-31T00:00:00Z", "2025-02-01T00:00:00Z" }, new[] { 3, 2 })]
    [InlineData(StoreKind.InMemory, AccountingPeriod.Month, new[] { "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z" }, new[] { 3, 2 })]
    [InlineData(StoreKind.Sqlite, AccountingPeriod.Month, new[] { "2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z" }, new[] { 3, 2 })]
    public async Task Periods_are_utc_buckets_keyed_by_their_start(StoreKind kind, AccountingPeriod period, string[] keys, int[] tasks)
    {
        using var store = await Seeded(kind);

        var totals = store.Store.AccountingTotals(Window(AccountingGrouping.Period, period));

        Assert.Equal(keys.Zip(tasks, (k, n) => (k, (long)n)), totals.Select(t => (t.Key, t.Tasks)));
        Assert.Equal(Sum("all", Tasks).LaneSeconds, totals.Sum(t => t.LaneSeconds), 9);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task The_window_includes_its_start_and_excludes_its_end(StoreKind kind)
    {
        using var store = await Seeded(kind);

        var totals = store.Store.AccountingTotals(new AccountingQuery(Start, Start.AddHours(1), AccountingGrouping.User));

        Assert.Equal([Sum("alice", Tasks[..2])], totals);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_lease_is_charged_only_the_tasks_submitted_with_it(StoreKind kind)
    {
        using var store = await Seeded(kind);
        var lease = Guid.NewGuid();
        var spent = new[] { Ended("dave", "/default", "line5", Start.AddMinutes(5)) with { LeaseId = lease }, Ended("dave", "/default", "line5", Start.AddMinutes(6), lane: 1.5) with { LeaseId = lease } };
        await store.Store.WriteAsync(w =>
        {
            foreach (var task in spent) w.InsertTask(task);
            return 0;
        });

        Assert.Equal([Sum("line5", spent)], store.Store.AccountingTotals(Window(AccountingGrouping.Device) with { LeaseId = lease }));
    }
}
