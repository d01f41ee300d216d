using System.Text.Json;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>`POST /v1/agent/claim`: capacity is the agent's free slots (recorded; one task per answer); devices narrow the queue.</summary>
public sealed record ClaimRequest(string? AgentId, int? Capacity = null, IReadOnlyList<string>? Devices = null, int? WaitMs = null);

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

public sealed record HeartbeatRequest(string? AgentId, IReadOnlyList<Guid>? TaskIds = null);

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
    bool Stale);
