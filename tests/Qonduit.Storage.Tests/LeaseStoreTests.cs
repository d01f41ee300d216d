namespace Qonduit.Storage.Tests;

/// <summary>Both adapters of <see cref="IControlPlaneStore"/> keep leases, lanes and the claim gate alike.</summary>
public sealed class LeaseStoreTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LeaseRecord Lease(string device = "line5", int lane = 0) => new()
    {
        Id = Guid.NewGuid(), TokenHash = LeaseTokens.Hash(LeaseTokens.New()), Device = device, Tenant = "alice", Holder = "slurm:job:1",
        Lane = lane, Exclusive = lane == 0, TtlSeconds = 60, AcquiredAt = Now, ExpiresAt = Now.AddSeconds(60), Tasks = 2, Shots = 300,
    };

    private static TaskRecord Task(string device, Guid? lease = null) => new()
    {
        Id = Guid.NewGuid(), Tenant = "alice", Device = device, Dialect = "openqasm2", Circuit = "OPENQASM 2.0;", Shots = 10,
        AdmittedSnapshotVersion = 1, CreatedAt = Now, UpdatedAt = Now, LeaseId = lease,
    };

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_lease_round_trips_and_is_found_by_id_and_token_hash(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var lease = Lease() with { ReleasedAt = Now.AddSeconds(5), Ended = true };
        await store.Store.WriteAsync(w => { w.SaveLease(lease); return 0; });
        Assert.Equal(lease, store.Store.GetLease(lease.Id));
        Assert.Equal(lease, store.Store.FindLease(lease.TokenHash));
        Assert.Null(store.Store.FindLease(LeaseTokens.Hash("lt_other")));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Open_leases_are_those_whose_end_is_not_recorded_and_a_save_replaces_a_lease(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var (a, b, c) = (Lease(lane: 1), Lease(lane: 2), Lease("other"));
        await store.Store.WriteAsync(w => { w.SaveLease(a); w.SaveLease(b); w.SaveLease(c); return 0; });
        Assert.Equal(new[] { a.Id, b.Id }.Order(), store.Store.OpenLeases("line5").Select(l => l.Id).Order());
        Assert.Equal(3, store.Store.OpenLeases().Count);

        var renewed = a with { ExpiresAt = Now.AddHours(1), TtlSeconds = 3600, Tasks = 3 };
        await store.Store.WriteAsync(w => { w.SaveLease(renewed); w.SaveLease(b with { Ended = true }); return 0; });
        Assert.Equal(renewed, Assert.Single(store.Store.OpenLeases("line5")));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_write_that_throws_leaves_no_lease_behind(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var lease = Lease();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.Store.WriteAsync<int>(w =>
        {
            w.SaveLease(lease);
            throw new InvalidOperationException("abort");
        }));
        Assert.Null(store.Store.GetLease(lease.Id));
        Assert.Empty(store.Store.OpenLeases());
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Device_versions_keep_their_lanes_and_tasks_their_lease(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var lease = Guid.NewGuid();
        var task = Task("line5", lease);
        await store.Store.WriteAsync(w =>
        {
            w.InsertDeviceVersion(new DeviceVersion("line5", 1, Now, "test", "h1", 5, "{}", Lanes: 4));
            return w.InsertTask(task);
        });
        Assert.Equal(4, store.Store.GetDevice("line5")!.Lanes);
        Assert.Equal(4, store.Store.DeviceHistory("line5").Single().Lanes);
        Assert.Equal(lease, store.Store.GetTask(task.Id)!.LeaseId);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task The_claim_gate_skips_tasks_of_a_fully_leased_device_unless_they_spend_its_lease(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var lease = Guid.NewGuid();
        var (blocked, free, spending) = (Task("line5"), Task("other"), Task("line5", lease));
        await store.Store.WriteAsync(w => { w.InsertTask(blocked); w.InsertTask(free); w.InsertTask(spending); return 0; });
        var gate = new ClaimGate(new HashSet<string> { "line5" }, new HashSet<Guid> { lease });

        Assert.Equal(blocked.Id, (await store.Store.WriteAsync(w => w.NextQueued(null)))!.Id);
        Assert.Equal(free.Id, (await store.Store.WriteAsync(w => w.NextQueued(null, gate)))!.Id);
        Assert.Equal(spending.Id, (await store.Store.WriteAsync(w => w.NextQueued(["line5"], gate)))!.Id);
        Assert.Null(await store.Store.WriteAsync(w => w.NextQueued(["line5"], gate with { ActiveLeases = new HashSet<Guid>() })));
    }
}
