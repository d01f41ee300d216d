namespace Qonduit.Contracts.Agents;

/// <summary>An entry of `GET /v1/agents` (admin): the agent's last heartbeat, its key, the tasks it owns, and whether it is stale.</summary>
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
