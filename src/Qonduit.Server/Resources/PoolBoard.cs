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

    /// <param name="commands">The names of the commands the agent declares (none from an older agent): its pools take command tasks naming one.</param>
    public void Record(string agentId, IReadOnlyList<PoolDeclaration> pools, IReadOnlyList<string>? commands = null) =>
        _byAgent[agentId] = new Declared(pools, time.GetUtcNow()) { Commands = commands is { Count: > 0 } ? commands.ToHashSet(StringComparer.Ordinal) : Empty };

    /// <summary>The commands <paramref name="agentId"/> declared in its latest heartbeat (none before its first).</summary>
    public IReadOnlySet<string> CommandsOf(string agentId) => _byAgent.TryGetValue(agentId, out var declared) ? declared.Commands : Empty;

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>(StringComparer.Ordinal);

    public IEnumerable<(string AgentId, Declared Declared)> All() => _byAgent.Select(e => (e.Key, e.Value));

    /// <param name="At">When the heartbeat that declared them arrived (the agent's liveness is judged from it).</param>
    public sealed record Declared(IReadOnlyList<PoolDeclaration> Pools, DateTimeOffset At)
    {
        /// <summary>The names of the commands the agent declares (never their argv, which stays with the agent).</summary>
        public IReadOnlySet<string> Commands { get; init; } = Empty;
    }
}
