using System.Collections.Immutable;

namespace Qonduit.Storage;

/// <summary>
/// What the control plane knows of an agent: refreshed by every claim, heartbeat and report. <see cref="KeyId"/> is the
/// key the id is bound to (the first to use it, or an admin's rebinding; null only for records older than binding);
/// <see cref="KeyName"/> is that key's name. <see cref="Incarnation"/> is the process incarnation last seen claiming or heartbeating.
/// </summary>
public sealed record AgentRecord(
    string AgentId,
    string KeyName,
    DateTimeOffset LastHeartbeat,
    int Capacity,
    ImmutableArray<string> Devices,
    bool StaleReported = false,
    string? KeyId = null,
    string? Incarnation = null);
