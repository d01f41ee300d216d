using System.Collections.Concurrent;
using Qonduit.Contracts.Resources;

namespace Qonduit.Server.Resources;

/// <summary>
/// The pools each agent declared in its latest heartbeat, in memory only like liveness: a restarted server knows them again
/// at each agent's next heartbeat. A heartbeat replaces the agent's list (none when absent, as from an older agent), so
/// the board holds one list per agent that has heartbeat since the start.
/// </summary>
public sealed class PoolBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Declared> _byAgent = new(StringComparer.Ordinal);

    public void Record(string agentId, IReadOnlyList<PoolDeclaration> pools) => _byAgent[agentId] = new Declared(pools, time.GetUtcNow());

    public IEnumerable<(string AgentId, Declared Declared)> All() => _byAgent.Select(e => (e.Key, e.Value));

    /// <param name="At">When the heartbeat that declared them arrived (the agent's liveness is judged from it).</param>
    public sealed record Declared(IReadOnlyList<PoolDeclaration> Pools, DateTimeOffset At);
}
