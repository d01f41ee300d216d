using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements;

/// <summary>The pools' own selects checked where the parser is (the agent's start-up, the server's heartbeat).</summary>
public static class PoolSelects
{
    /// <summary>Why one of the pools' selects is refused (with its column), or null.</summary>
    public static string? Problem(IEnumerable<(string Name, string? Select)> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        foreach (var (name, select) in pools)
        {
            if (select is null) continue;
            try
            {
                RequirementRules.PoolSelect(select);
            }
            catch (RequirementException e)
            {
                return $"pool '{name}': select, {e.Message}";
            }
        }
        return null;
    }
}
