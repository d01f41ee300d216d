namespace Qonduit.Storage;

/// <summary>
/// The control plane's storage port. Writes run one at a time, each as a single transaction (SQLite: `BEGIN
/// IMMEDIATE`): what <c>work</c> does through the <see cref="IStoreWriter"/> commits together, or not at all if it
/// throws. <c>committed</c> runs after the commit and before the next write starts, with the events the write
/// appended, so publication follows the store's sequence order. Reads see only committed data.
/// Adapters: Qonduit.Storage.Sqlite; <see cref="InMemoryControlPlaneStore"/> is the fake for tests.
/// </summary>
public partial interface IControlPlaneStore
{
    ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed = null, CancellationToken cancellationToken = default);

    TaskRecord? GetTask(Guid id);

    IReadOnlyList<TaskRecord> ListTasks(TaskQuery query);

    /// <summary>Every queued task of <paramref name="device"/> (all devices when null) in claim order: highest priority, then oldest.</summary>
    IReadOnlyList<QueuedEntry> QueueOrder(string? device = null);

    /// <summary>
    /// How many queued tasks of <paramref name="task"/>'s device precede it in claim order; a count, not a read of the
    /// queue, so one task's view stays cheap however deep the queue is.
    /// </summary>
    int CountQueuedAhead(TaskRecord task);

    /// <summary>
    /// For each distinct resource requirement and consumer of the queued tasks, its first task in claim order (highest
    /// priority, then oldest); these heads in claim order, at most <paramref name="limit"/>: what placement scans. Tasks of
    /// one requirement have the same candidates, so however many wait behind a head that matches nothing, a task of another
    /// requirement is still seen; and one per consumer lets fair share choose between consumers.
    /// </summary>
    IReadOnlyList<TaskRecord> QueuedRequirementHeads(int limit);

    /// <summary>Every running requirement task with the resource placement chose for it: what each resource holds now.</summary>
    IReadOnlyList<PlacedRun> RunningPlaced();

    /// <summary>Events with a sequence greater than <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<EventRecord> ReadEvents(long after, EventFilter filter, int limit);

    /// <summary>The latest version, or the given one.</summary>
    DeviceVersion? GetDevice(string device, int? version = null);

    /// <summary>The latest version of every device, by name.</summary>
    IReadOnlyList<DeviceVersion> ListDevices();

    IReadOnlyList<DeviceVersionSummary> DeviceHistory(string device);

    ApiKeyRecord? FindKeyByHash(string hash);

    IReadOnlyList<ApiKeyRecord> ListKeys();

    /// <summary>Every user, by name.</summary>
    IReadOnlyList<UserRecord> ListUsers();

    IReadOnlyList<AgentRecord> ListAgents();

    StoreStatistics Statistics();

    LeaseRecord? GetLease(Guid id);

    LeaseRecord? FindLease(string tokenHash);

    /// <summary>Leases whose end is not yet recorded (<see cref="LeaseRecord.Ended"/> false), of one device or all; callers judge expiry by time.</summary>
    IReadOnlyList<LeaseRecord> OpenLeases(string? device = null);

    /// <summary>Every declared load index, by name.</summary>
    IReadOnlyList<LoadIndexRecord> ListLoadIndices();

    /// <summary>Every version of the consumer tree, oldest first (the last is the one in force); empty before the first.</summary>
    IReadOnlyList<ConsumerTreeRecord> ConsumerTreeHistory();

    /// <summary>Tasks that were claimed and ended at or after <paramref name="since"/>: what fair share charges.</summary>
    IReadOnlyList<FinishedRun> FinishedRuns(DateTimeOffset since);

    /// <summary>Every running task with its consumer and pool: what fair share charges so far, caps and reclaims.</summary>
    IReadOnlyList<RunningCharge> RunningCharges();

    /// <summary>
    /// Per leaf consumer, its queued tasks that may run in <paramref name="pool"/>: those bound to that device, and every
    /// requirement task (placement may put it anywhere), so an owner with work for the pool counts as having demand.
    /// </summary>
    IReadOnlyDictionary<string, int> QueuedDemand(string pool);

    /// <summary>The accounting totals of <paramref name="query"/>, one per group, ordered by key (docs/orchestration.md §3).</summary>
    IReadOnlyList<AccountingTotal> AccountingTotals(AccountingQuery query);
}

/// <summary>What a write transaction may do. Everything is read-your-writes within the transaction.</summary>
public partial interface IStoreWriter
{
    TaskRecord? GetTask(Guid id);

    /// <summary>
    /// The queued task a claim takes next: highest priority, then oldest; only on the given devices when any, and
    /// on a device of <paramref name="gate"/> only a task spending one of its leases.
    /// </summary>
    /// <param name="consumer">Only this leaf consumer's tasks, when given (fair share takes consumers in its order).</param>
    /// <param name="excluded">Devices whose tasks are not taken (those where <paramref name="consumer"/> is at its cap).</param>
    TaskRecord? NextQueued(IReadOnlyCollection<string>? devices, ClaimGate? gate = null, string? consumer = null, IReadOnlyCollection<string>? excluded = null);

    /// <summary>The leaf consumers that have device-bound tasks queued.</summary>
    IReadOnlyList<string> QueuedConsumers();

    /// <summary>Inserts and returns the record with its <see cref="TaskRecord.Sequence"/> assigned.</summary>
    TaskRecord InsertTask(TaskRecord task);

    /// <summary>
    /// Writes <paramref name="task"/>. With <paramref name="before"/>, the record as this transaction read it, a store may
    /// write only what differs.
    /// </summary>
    void UpdateTask(TaskRecord task, TaskRecord? before = null);

    /// <summary>The running tasks <paramref name="owner"/> holds, oldest first.</summary>
    IReadOnlyList<TaskRecord> RunningTasksOf(string owner);

    EventRecord Append(NewEvent e, DateTimeOffset at);

    DeviceVersion? GetDevice(string device, int? version = null);

    void InsertDeviceVersion(DeviceVersion version);

    bool AnyDevice();

    AgentRecord? GetAgent(string agentId);

    void SaveAgent(AgentRecord agent);

    void InsertKey(ApiKeyRecord key);

    /// <summary>An active key whose name or id is <paramref name="nameOrId"/>.</summary>
    ApiKeyRecord? FindActiveKey(string nameOrId);

    void SaveKey(ApiKeyRecord key);

    UserRecord? GetUser(string name);

    /// <summary>Inserts or replaces the user with its <see cref="UserRecord.Name"/>.</summary>
    void SaveUser(UserRecord user);

    bool AnyActiveKey();

    /// <summary>How many keys of <paramref name="role"/> are not revoked (the last admin key may not be revoked).</summary>
    int CountActiveKeys(ApiKeyRole role);

    LeaseRecord? FindLease(string tokenHash);

    /// <summary>As <see cref="IControlPlaneStore.OpenLeases"/>, inside the transaction.</summary>
    IReadOnlyList<LeaseRecord> OpenLeases(string? device = null);

    /// <summary>Inserts or replaces the lease with its <see cref="LeaseRecord.Id"/>.</summary>
    void SaveLease(LeaseRecord lease);

    /// <summary>Inserts or replaces the declaration of <see cref="LoadIndexRecord.Name"/>; returns it with its <see cref="LoadIndexRecord.Version"/> assigned.</summary>
    LoadIndexRecord DeclareLoadIndex(LoadIndexRecord declaration);

    /// <summary>Stores a new version of the consumer tree; returns it with its <see cref="ConsumerTreeRecord.Version"/> assigned.</summary>
    ConsumerTreeRecord InsertConsumerTree(ConsumerTreeRecord tree);
}
