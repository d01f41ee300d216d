using System.Text.RegularExpressions;

namespace Qonduit.Contracts.Resources;

/// <summary>
/// A pool of slots an agent serves (agent.json `pools`, sent with every heartbeat): a simulator, CPU or GPU pool. The same
/// rules hold in agent.json and on the wire, so an agent refuses at start-up what the server would refuse later.
/// </summary>
public sealed partial record PoolDeclaration(string Name, string Kind, int Slots)
{
    public const int MaxSlots = 1024;
    public const int MaxPools = 64;

    /// <summary>The kinds a pool can be; a QPU is a registered device, never a pool.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["sim", "cpu", "gpu"];

    /// <summary>Why this declaration is refused, or null.</summary>
    public string? Problem() =>
        Name is null || !NamePattern().IsMatch(Name) ? $"pool name '{Name}' must match {NamePattern()}"
        : Kind is null || !Kinds.Contains(Kind) ? $"pool '{Name}': kind '{Kind}' is not one of {string.Join(", ", Kinds)}"
        : Slots is < 1 or > MaxSlots ? $"pool '{Name}': slots must be 1..{MaxSlots}, not {Slots}"
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
