using System.Collections.Immutable;

namespace Qonduit.Storage;

/// <summary>
/// The fake beside <see cref="IControlPlaneStore"/>: immutable state swapped on commit, so a write that throws
/// leaves nothing behind and readers always see a committed state. Counts device reads so tests can tell a
/// cache hit from a store read.
/// </summary>
public sealed partial class InMemoryControlPlaneStore : IControlPlaneStore
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private State _state = State.Empty;
    private long _deviceReads;

    public long DeviceReads => Interlocked.Read(ref _deviceReads);

    public async ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed = null, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = new Writer(this, Volatile.Read(ref _state));
            var result = work(writer);
            Volatile.Write(ref _state, writer.Current);
            committed?.Invoke(writer.Appended);
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public TaskRecord? GetTask(Guid id) => _state.Tasks.GetValueOrDefault(id);

    public IReadOnlyList<TaskRecord> ListTasks(TaskQuery query) => _state.Tasks.Values
        .Where(t => (query.Tenant is null || t.Tenant == query.Tenant) && (query.State is null || t.State == query.State)
            && (query.Device is null || t.Device == query.Device) && (query.Owner is null || t.Owner == query.Owner)
            && (query.Before is null || t.Sequence < query.Before))
        .OrderByDescending(t => t.Sequence).Take(query.Limit).ToList();

    public IReadOnlyList<QueuedEntry> QueueOrder(string? device = null) => _state.Tasks.Values
        .Where(t => t.State == TaskState.Queued && (device is null || t.Device == device))
        .OrderByDescending(t => t.Priority).ThenBy(t => t.Sequence).Select(t => new QueuedEntry(t.Id, t.Device, t.Priority, t.Sequence)).ToList();

    public IReadOnlyList<PlacedRun> RunningPlaced() => [.. _state.Tasks.Values
        .Where(t => t.State == TaskState.Running && t.Resource is not null)
        .Select(t => new PlacedRun(t.Id, t.Resource!, t.Requirement!, t.PlacedAlternative ?? 0, t.ClaimedAt!.Value))];

    public IReadOnlyList<TaskRecord> QueuedRequirementHeads(int limit) => _state.Tasks.Values
        .Where(t => t.State == TaskState.Queued && t.Requirement is not null)
        .OrderByDescending(t => t.Priority).ThenBy(t => t.Sequence)
        .DistinctBy(t => (t.Requirement, t.Consumer, t.Command?.Name)).Take(limit).ToList();

    public int CountQueuedAhead(TaskRecord task) => _state.Tasks.Values.Count(t => t.State == TaskState.Queued && t.Device == task.Device
        && (t.Priority > task.Priority || (t.Priority == task.Priority && t.Sequence < task.Sequence)));

    public IReadOnlyList<EventRecord> ReadEvents(long after, EventFilter filter, int limit) =>
        _state.Events.Where(e => e.Sequence > after && filter.Matches(e)).Take(limit).ToList();

    public DeviceVersion? GetDevice(string device, int? version = null)
    {
        Interlocked.Increment(ref _deviceReads);
        return Find(_state, device, version);
    }

    public IReadOnlyList<DeviceVersion> ListDevices()
    {
        Interlocked.Increment(ref _deviceReads);
        return _state.Devices.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Value[^1]).ToList();
    }

    public IReadOnlyList<DeviceVersionSummary> DeviceHistory(string device) =>
        _state.Devices.TryGetValue(device, out var versions) ? versions.Select(v => v.Summary).ToList() : [];

    public ApiKeyRecord? FindKeyByHash(string hash) => _state.Keys.FirstOrDefault(k => k.Hash == hash);

    public IReadOnlyList<ApiKeyRecord> ListKeys() => _state.Keys;

    public IReadOnlyList<LoadIndexRecord> ListLoadIndices() => _state.LoadIndices.Values.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<ConsumerTreeRecord> ConsumerTreeHistory() => _state.ConsumerTrees;

    public IReadOnlyList<FinishedRun> FinishedRuns(DateTimeOffset since) => [.. _state.Tasks.Values
        .Where(t => t is { ClaimedAt: not null, FinishedAt: { } finished } && finished >= since)
        .Select(t => new FinishedRun(t.Id, t.Consumer, t.ResourceKind ?? "qpu", t.ClaimedAt!.Value, t.FinishedAt!.Value))];

    public IReadOnlyList<RunningCharge> RunningCharges() => [.. _state.Tasks.Values
        .Where(t => t.State == TaskState.Running)
        .Select(t => new RunningCharge(t.Id, t.Consumer, t.ResourceKind ?? "qpu", t.Resource ?? t.Device, t.ClaimedAt!.Value, t.InterruptedAt))];

    public IReadOnlyDictionary<string, int> QueuedDemand(string pool) => _state.Tasks.Values
        .Where(t => t.State == TaskState.Queued && (t.Requirement is not null || t.Device == pool))
        .GroupBy(t => t.Consumer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public IReadOnlyList<AccountingTotal> AccountingTotals(AccountingQuery query) => [.. _state.Tasks.Values
        .Where(t => t is { ClaimedAt: not null, FinishedAt: { } finished } && finished >= query.From && finished < query.To
                    && (query.Tenant is null || t.Tenant == query.Tenant) && (query.LeaseId is null || t.LeaseId == query.LeaseId))
        .GroupBy(t => query.By switch
        {
            AccountingGrouping.Consumer => t.Consumer,
            AccountingGrouping.User => t.Tenant,
            AccountingGrouping.Device => t.Device,
            _ => AccountingQuery.PeriodKey(t.FinishedAt!.Value, query.Period),
        }, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => new AccountingTotal(g.Key, g.Count(), g.Sum(t => t.LaneSeconds ?? 0),
            g.Sum(t => t.State == TaskState.Completed ? (long)t.Shots : 0), g.Sum(t => (long)(t.Simulations ?? 0)), g.Sum(t => t.CpuSeconds ?? 0)))];

    public IReadOnlyList<UserRecord> ListUsers() => _state.Users.Values.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<AgentRecord> ListAgents() => _state.Agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal).ToList();

    public StoreStatistics Statistics()
    {
        var tasks = _state.Tasks.Values;
        return new StoreStatistics(
            tasks.GroupBy(t => t.State).ToDictionary(g => g.Key, g => (long)g.Count()),
            tasks.Where(t => t.State == TaskState.Queued).GroupBy(t => t.Device).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    public LeaseRecord? GetLease(Guid id) => _state.Leases.GetValueOrDefault(id);

    public LeaseRecord? FindLease(string tokenHash) => FindLease(_state, tokenHash);

    public IReadOnlyList<LeaseRecord> OpenLeases(string? device = null) => OpenLeases(_state, device);

    private static LeaseRecord? FindLease(State state, string tokenHash) => state.Leases.Values.FirstOrDefault(l => l.TokenHash == tokenHash);

    private static List<LeaseRecord> OpenLeases(State state, string? device) => state.Leases.Values
        .Where(l => !l.Ended && (device is null || l.Device == device)).OrderBy(l => l.AcquiredAt).ThenBy(l => l.Id.ToString(), StringComparer.Ordinal).ToList();

    private static DeviceVersion? Find(State state, string device, int? version) =>
        !state.Devices.TryGetValue(device, out var versions) ? null
        : version is null ? versions[^1]
        : versions.FirstOrDefault(v => v.Version == version);

    private sealed record State(
        ImmutableDictionary<Guid, TaskRecord> Tasks,
        ImmutableList<EventRecord> Events,
        ImmutableDictionary<string, ImmutableList<DeviceVersion>> Devices,
        ImmutableList<ApiKeyRecord> Keys,
        ImmutableDictionary<string, AgentRecord> Agents,
        ImmutableDictionary<Guid, LeaseRecord> Leases,
        ImmutableDictionary<string, UserRecord> Users,
        ImmutableDictionary<string, LoadIndexRecord> LoadIndices,
        ImmutableList<ConsumerTreeRecord> ConsumerTrees,
        long TaskSequence,
        GraphState Graphs)
    {
        public static State Empty { get; } = new(
            [], [], ImmutableDictionary<string, ImmutableList<DeviceVersion>>.Empty.WithComparers(StringComparer.Ordinal), [], [], [],
            ImmutableDictionary<string, UserRecord>.Empty.WithComparers(StringComparer.Ordinal),
            ImmutableDictionary<string, LoadIndexRecord>.Empty.WithComparers(StringComparer.Ordinal), [], 0, GraphState.Empty);
    }

    private sealed partial class Writer(InMemoryControlPlaneStore store, State start) : IStoreWriter
    {
        private readonly List<EventRecord> _appended = [];

        public State Current { get; private set; } = start;

        public IReadOnlyList<EventRecord> Appended => _appended;

        public TaskRecord? GetTask(Guid id) => Current.Tasks.GetValueOrDefault(id);

        public TaskRecord? NextQueued(IReadOnlyCollection<string>? devices, ClaimGate? gate = null, string? consumer = null, IReadOnlyCollection<string>? excluded = null) =>
            Current.Tasks.Values
            .Where(t => t.State == TaskState.Queued && t.Requirement is null && (devices is null || devices.Count == 0 || devices.Contains(t.Device)) && (gate is null || gate.Admits(t))
                && (consumer is null || t.Consumer == consumer) && (excluded is null || !excluded.Contains(t.Device)))
            .OrderByDescending(t => t.Priority).ThenBy(t => t.Sequence).FirstOrDefault();

        public IReadOnlyList<string> QueuedConsumers() => [.. Current.Tasks.Values
            .Where(t => t.State == TaskState.Queued && t.Requirement is null).Select(t => t.Consumer).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        public TaskRecord InsertTask(TaskRecord task)
        {
            if (Current.Tasks.ContainsKey(task.Id)) throw new InvalidOperationException($"task {task.Id} exists");
            var sequence = Current.TaskSequence + 1;
            var stored = task with { Sequence = sequence };
            Current = Current with { Tasks = Current.Tasks.Add(task.Id, stored), TaskSequence = sequence };
            return stored;
        }

        public void UpdateTask(TaskRecord task, TaskRecord? before = null) => Current = Current with { Tasks = Current.Tasks.SetItem(task.Id, task) };

        public IReadOnlyList<TaskRecord> RunningTasksOf(string owner) =>
            Current.Tasks.Values.Where(t => t.State == TaskState.Running && t.Owner == owner).OrderBy(t => t.Sequence).ToList();

        public EventRecord Append(NewEvent e, DateTimeOffset at)
        {
            var sequence = Current.Events.Count == 0 ? 1 : Current.Events[^1].Sequence + 1;
            var record = new EventRecord(sequence, e.Type, e.TaskId, e.Device, e.Tenant, at, e.Data);
            Current = Current with { Events = Current.Events.Add(record) };
            _appended.Add(record);
            return record;
        }

        public DeviceVersion? GetDevice(string device, int? version = null)
        {
            Interlocked.Increment(ref store._deviceReads);
            return Find(Current, device, version);
        }

        public void InsertDeviceVersion(DeviceVersion version)
        {
            var versions = Current.Devices.GetValueOrDefault(version.Device, []);
            if (versions.Count > 0 && versions[^1].Version >= version.Version)
                throw new InvalidOperationException($"device {version.Device} version {version.Version} is not newer");
            Current = Current with { Devices = Current.Devices.SetItem(version.Device, versions.Add(version)) };
        }

        public bool AnyDevice() => !Current.Devices.IsEmpty;

        public AgentRecord? GetAgent(string agentId) => Current.Agents.GetValueOrDefault(agentId);

        public void SaveAgent(AgentRecord agent) => Current = Current with { Agents = Current.Agents.SetItem(agent.AgentId, agent) };

        public void InsertKey(ApiKeyRecord key)
        {
            if (Current.Keys.Any(k => k.IsActive && k.Name == key.Name)) throw new InvalidOperationException($"key '{key.Name}' exists");
            Current = Current with { Keys = Current.Keys.Add(key) };
        }

        public ApiKeyRecord? FindActiveKey(string nameOrId) => Current.Keys.FirstOrDefault(k => k.IsActive && (k.Name == nameOrId || k.Id == nameOrId));

        public void SaveKey(ApiKeyRecord key)
        {
            var index = Current.Keys.FindIndex(k => k.Id == key.Id);
            Current = Current with { Keys = index < 0 ? Current.Keys.Add(key) : Current.Keys.SetItem(index, key) };
        }

        public bool AnyActiveKey() => Current.Keys.Any(k => k.IsActive);

        public int CountActiveKeys(ApiKeyRole role) => Current.Keys.Count(k => k.IsActive && k.Role == role);

        public UserRecord? GetUser(string name) => Current.Users.GetValueOrDefault(name);

        public void SaveUser(UserRecord user) => Current = Current with { Users = Current.Users.SetItem(user.Name, user) };

        public LeaseRecord? FindLease(string tokenHash) => InMemoryControlPlaneStore.FindLease(Current, tokenHash);

        public IReadOnlyList<LeaseRecord> OpenLeases(string? device = null) => InMemoryControlPlaneStore.OpenLeases(Current, device);

        public void SaveLease(LeaseRecord lease) => Current = Current with { Leases = Current.Leases.SetItem(lease.Id, lease) };

        public LoadIndexRecord DeclareLoadIndex(LoadIndexRecord declaration)
        {
            var stored = declaration with { Version = Current.LoadIndices.Values.Select(i => i.Version).DefaultIfEmpty(0).Max() + 1 };
            Current = Current with { LoadIndices = Current.LoadIndices.SetItem(stored.Name, stored) };
            return stored;
        }

        public ConsumerTreeRecord InsertConsumerTree(ConsumerTreeRecord tree)
        {
            var stored = tree with { Version = Current.ConsumerTrees.Count == 0 ? 1 : Current.ConsumerTrees[^1].Version + 1 };
            Current = Current with { ConsumerTrees = Current.ConsumerTrees.Add(stored) };
            return stored;
        }
    }
}
