using System.Text.Json;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>
/// `POST /v1/agent/claim`: capacity is the agent's free slots (recorded; one task per answer); devices narrow the queue.
/// <see cref="Incarnation"/> is a random id the agent process draws once at start and sends with every call: a claim from a
/// new incarnation takes back the tasks earlier ones held.
/// </summary>
public sealed record ClaimRequest(string? AgentId, int? Capacity = null, IReadOnlyList<string>? Devices = null, int? WaitMs = null, string? Incarnation = null);

/// <summary>The claimed task with everything needed to run it, and the full snapshot version bound to it.</summary>
public sealed record ClaimResponse(ClaimedTaskView Task, JsonElement Snapshot);

public sealed record ClaimedTaskView(
    Guid Id,
    string Tenant,
    string Device,
    string Dialect,
    string Circuit,
    int Shots,
    long? Seed,
    int Priority,
    IReadOnlyList<string> Tags,
    int Attempt,
    int BoundSnapshotVersion,
    bool Transpile,
    int? Trajectories)
{
    public static ClaimedTaskView From(TaskRecord t) =>
        new(t.Id, t.Tenant, t.Device, t.Dialect, t.Circuit, t.Shots, t.Seed, t.Priority, t.Tags, t.Attempt, t.BoundSnapshotVersion ?? 0, t.Transpile, t.Trajectories);
}

/// <summary>
/// `POST /v1/agent/heartbeat`: every task the agent holds, its process <see cref="Incarnation"/>, and the interval at which it
/// heartbeats (<see cref="ServerOptions.AssumedHeartbeatInterval"/> when absent). Running tasks of the agent it does not list
/// are lost (docs/architecture.md "Task lifecycle"). <see cref="Progress"/>: the runner's latest progress of listed tasks
/// (docs/architecture.md "Progress"), kept in memory and shown in the task view.
/// </summary>
public sealed record HeartbeatRequest(
    string? AgentId, IReadOnlyList<Guid>? TaskIds = null, string? Incarnation = null, int? HeartbeatIntervalMs = null,
    IReadOnlyDictionary<Guid, TaskProgress>? Progress = null);

/// <summary>
/// <see cref="Cancelled"/>: tasks the agent owns that were cancelled (stop their jobs). <see cref="Unknown"/>: tasks it
/// does not own as running any more (never existed, requeued to another agent, force-failed): abandon them.
/// </summary>
public sealed record HeartbeatResponse(IReadOnlyList<Guid> Cancelled, IReadOnlyList<Guid> Unknown);

public sealed record AgentView(
    string AgentId,
    string KeyName,
    DateTimeOffset LastHeartbeat,
    int Capacity,
    IReadOnlyList<string> Devices,
    IReadOnlyList<Guid> OwnedTasks,
    bool Stale,
    string? KeyId = null,
    string? Incarnation = null);
