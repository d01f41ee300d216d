using Qonduit.Server.Auth;

namespace Qonduit.Server.Events;

/// <summary>
/// What an agent key sees on `/v1/events`: the events of tasks owned (now, or last: a finished task keeps its
/// owner) by an agent id this key uses, and device events (an agent needs new snapshots). Other task-less events
/// (leases, which are tenant-scoped, and other agents' staleness) are not its business. One instance per stream.
/// </summary>
public sealed class AgentEventScope(IControlPlaneStore store, Caller caller)
{
    // Decided once per agent id: an agent id belongs to one key from its first claim or heartbeat on.
    private readonly Dictionary<string, bool> _ownAgents = new(StringComparer.Ordinal);

    public bool Shows(EventRecord e)
    {
        if (e.TaskId is { } taskId) return store.GetTask(taskId)?.Owner is { } owner && IsOwn(owner);
        return e.Type.StartsWith(EventFilter.DevicePrefix, StringComparison.Ordinal);
    }

    private bool IsOwn(string agentId)
    {
        if (!_ownAgents.TryGetValue(agentId, out var own))
        {
            own = store.ListAgents().Any(a => a.AgentId == agentId && UsedBy(a, caller));
            _ownAgents[agentId] = own;
        }
        return own;
    }

    /// <summary>An agent id belongs to the key it is bound to (its first claim or heartbeat, or an admin's rebinding).</summary>
    public static bool UsedBy(AgentRecord agent, Caller caller) => agent.KeyId == caller.KeyId;
}
