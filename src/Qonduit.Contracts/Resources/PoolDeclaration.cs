using System.Text.RegularExpressions;

namespace Qonduit.Contracts.Resources;

/// <summary>
/// A pool of slots an agent serves (agent.json `pools`, sent with every heartbeat): a simulator, CPU or GPU pool. The same
/// rules hold in agent.json and on the wire, so an agent refuses at start-up what the server would refuse later.
/// <see cref="Select"/>: the pool's own select expression (LSF's queue-level select), ANDed with every task's select,
/// e.g. `mem_free>=4096` to take work only while the agent reports enough memory; its syntax is checked with the
/// requirement language's parser where both sides have it (the agent's start-up and the heartbeat).
/// </summary>
public sealed partial record PoolDeclaration(string Name, string Kind, int Slots, string? Select = null)
{
    public const int MaxSlots = 1024;
    public const int MaxPools = 64;
    public const int MaxSelectLength = 1000;

    /// <summary>The kinds a pool can be; a QPU is a registered device, never a pool.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["sim", "cpu", "gpu"];

    /// <summary>Why this declaration is refused, or null.</summary>
    public string? Problem() =>
        Name is null || !NamePattern().IsMatch(Name) ? $"pool name '{Name}' must match {NamePattern()}"
        : Kind is null || !Kinds.Contains(Kind) ? $"pool '{Name}': kind '{Kind}' is not one of {string.Join(", ", Kinds)}"
        : Slots is < 1 or > MaxSlots ? $"pool '{Name}': slots must be 1..{MaxSlots}, not {Slots}"
        : Select is { Length: 0 or > MaxSelectLength } ? $"pool '{Name}': select must be 1..{MaxSelectLength} characters"
        : null;

    /// <summary>Why a list of declarations is refused (a bad entry, a repeated name, too many), or null.</summary>
    public static string? Problem(IReadOnlyList<PoolDeclaration?> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        if (pools.Count > MaxPools) return $"at most {MaxPools} pools, not {pools.Count}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pool in pools)
        {
            if (pool is null) return "a pool is null";
            if (pool.Problem() is { } problem) return problem;
            if (!seen.Add(pool.Name)) return $"pool '{pool.Name}' is declared twice";
        }
        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex NamePattern();
}
