namespace Qonduit.Contracts.Agents;

/// <summary>
/// `POST /v1/agent/claim`: capacity is the agent's free slots (recorded); devices narrow the queue. <see cref="Max"/>: how
/// many tasks one claim may take, in one transaction (1 to 64, at most the capacity; default 1), so an agent with several
/// free slots fills them with one call. <see cref="Incarnation"/> is a random id the agent process draws once at start and
/// sends with every call: a claim from a new incarnation takes back the tasks earlier ones held.
/// </summary>
public sealed record ClaimRequest(string? AgentId, int? Capacity = null, IReadOnlyList<string>? Devices = null, int? WaitMs = null, string? Incarnation = null, int? Max = null);
