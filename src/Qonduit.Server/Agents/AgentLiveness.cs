using Microsoft.Extensions.Options;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>
/// Heartbeat staleness: a judgement made when asked. Staleness alone changes no task; a stale owner past
/// <see cref="ServerOptions.StaleOwnerGrace"/> is lost, and the staleness monitor then requeues its tasks.
/// </summary>
public sealed class AgentLiveness(IControlPlaneStore store, TimeProvider time, IOptions<ServerOptions> options)
{
    public bool IsStale(AgentRecord agent) => IsStale(agent.LastHeartbeat, time.GetUtcNow());

    public bool IsStale(DateTimeOffset lastHeartbeat, DateTimeOffset now) => now - lastHeartbeat > options.Value.AgentStaleAfter;

    /// <summary>Stale for longer than the grace: its tasks whose jobs die with it are taken back.</summary>
    public bool IsLost(AgentRecord agent) => time.GetUtcNow() - agent.LastHeartbeat > options.Value.AgentStaleAfter + options.Value.StaleOwnerGrace;

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
