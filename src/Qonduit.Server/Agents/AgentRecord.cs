using System.Collections.Immutable;

namespace Qonduit.Server.Agents;

/// <summary>What the control plane knows of an agent: refreshed by every claim, heartbeat and report.</summary>
public sealed record AgentRecord(
    string AgentId,
    string KeyName,
    DateTimeOffset LastHeartbeat,
    int Capacity,
    ImmutableArray<string> Devices,
    bool StaleReported = false);
