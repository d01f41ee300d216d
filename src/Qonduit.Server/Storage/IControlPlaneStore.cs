using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Storage;

/// <summary>
/// The control plane's storage port. Writes run one at a time, each as a single transaction (SQLite: `BEGIN
/// IMMEDIATE`): what <c>work</c> does through the <see cref="IStoreWriter"/> commits together, or not at all if it
/// throws. <c>committed</c> runs after the commit and before the next write starts, with the events the write
/// appended, so publication follows the store's sequence order. Reads see only committed data.
/// Adapters: Qonduit.Storage.Sqlite; <see cref="InMemoryControlPlaneStore"/> is the fake for tests.
/// </summary>
public interface IControlPlaneStore
{
    ValueTask<T> WriteAsync<T>(Func<IStoreWriter, T> work, Action<IReadOnlyList<EventRecord>>? committed = null, CancellationToken cancellationToken = default);

    TaskRecord? GetTask(Guid id);

    IReadOnlyList<TaskRecord> ListTasks(TaskQuery query);

    /// <summary>Events with a sequence greater than <paramref name="after"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<EventRecord> ReadEvents(long after, EventFilter filter, int limit);

    /// <summary>The latest version, or the given one.</summary>
    DeviceVersion? GetDevice(string device, int? version = null);

    /// <summary>The latest version of every device, by name.</summary>
    IReadOnlyList<DeviceVersion> ListDevices();

    IReadOnlyList<DeviceVersionSummary> DeviceHistory(string device);

    ApiKeyRecord? FindKeyByHash(string hash);

    IReadOnlyList<ApiKeyRecord> ListKeys();

    IReadOnlyList<AgentRecord> ListAgents();

    StoreStatistics Statistics();
}

/// <summary>What a write transaction may do. Everything is read-your-writes within the transaction.</summary>
public interface IStoreWriter
{
    TaskRecord? GetTask(Guid id);

    /// <summary>The queued task a claim takes next: highest priority, then oldest; only on the given devices when any.</summary>
    TaskRecord? NextQueued(IReadOnlyCollection<string>? devices);

    /// <summary>Inserts and returns the record with its <see cref="TaskRecord.Sequence"/> assigned.</summary>
    TaskRecord InsertTask(TaskRecord task);

    void UpdateTask(TaskRecord task);

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

    bool AnyActiveKey();
}
