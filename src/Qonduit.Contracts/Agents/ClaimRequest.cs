namespace Qonduit.Contracts.Agents;

/// <summary>
/// `POST /v1/agent/claim`: capacity is the agent's free slots (recorded; one task per answer); devices narrow the queue.
/// <see cref="Incarnation"/> is a random id the agent process draws once at start and sends with every call: a claim from a
/// new incarnation takes back the tasks earlier ones held.
/// </summary>
public sealed record ClaimRequest(string? AgentId, int? Capacity = null, IReadOnlyList<string>? Devices = null, int? WaitMs = null, string? Incarnation = null);
