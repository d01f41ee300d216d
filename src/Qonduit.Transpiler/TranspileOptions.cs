using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Routing;

namespace Qonduit.Transpiler;

public enum LayoutStrategy { Trivial, Dense, NoiseAware }

/// <param name="Passes">Pass names in order; null runs <see cref="Transpiler.DefaultPasses"/>.</param>
/// <param name="Seed">Breaks SABRE's ties; the same seed gives the same circuit.</param>
/// <param name="RoutingTrials">SABRE runs with different tie-breaking; the one with the fewest swaps is kept.</param>
public sealed record TranspileOptions(
    LayoutStrategy Layout = LayoutStrategy.NoiseAware,
    RoutingStrategy Routing = RoutingStrategy.Sabre,
    IReadOnlyList<string>? Passes = null,
    int Seed = 0,
    int RoutingTrials = 4)
{
    public static TranspileOptions Default { get; } = new();

    public static LayoutStrategy ParseLayout(string text) => text.ToLowerInvariant() switch
    {
        "trivial" => LayoutStrategy.Trivial,
        "dense" => LayoutStrategy.Dense,
        "noise-aware" or "noise" => LayoutStrategy.NoiseAware,
        _ => throw new TranspileException(ErrorCodes.Transpile.UnknownLayout, $"unknown layout '{text}': use trivial, dense or noise-aware"),
    };

    public static string Name(LayoutStrategy layout) => layout switch
    {
        LayoutStrategy.NoiseAware => "noise-aware",
        _ => layout.ToString().ToLowerInvariant(),
    };

    /// <summary>Splits "a,b,c" and checks every name against the catalogue.</summary>
    public static IReadOnlyList<string> ParsePasses(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names) PassCatalog.Get(name);
        return names;
    }
}
