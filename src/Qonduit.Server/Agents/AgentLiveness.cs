using Microsoft.Extensions.Options;
using Qonduit.Server.Storage;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>Heartbeat staleness: a judgement made when asked, never a state change (D5: recovery is explicit).</summary>
public sealed class AgentLiveness(IControlPlaneStore store, TimeProvider time, IOptions<ServerOptions> options)
{
    public bool IsStale(AgentRecord agent) => IsStale(agent.LastHeartbeat, time.GetUtcNow());

    public bool IsStale(DateTimeOffset lastHeartbeat, DateTimeOffset now) => now - lastHeartbeat > options.Value.AgentStaleAfter;

    /// <summary>Ids of the agents that are stale now.</summary>
    public IReadOnlySet<string> StaleAgents()
    {
        var now = time.GetUtcNow();
        return store.ListAgents().Where(a => IsStale(a.LastHeartbeat, now)).Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A running task is stale when its owner is (or the owner never heartbeat at all).</summary>
    public static bool IsStaleTask(TaskRecord task, IReadOnlySet<string> staleAgents) =>
        task.State == TaskState.Running && task.Owner is { } owner && staleAgents.Contains(owner);
}
