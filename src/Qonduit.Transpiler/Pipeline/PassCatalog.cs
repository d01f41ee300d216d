using Qonduit.Transpiler.Passes;

namespace Qonduit.Transpiler.Pipeline;

/// <summary>A pass's name and what it does, for `qonduit transpile --list-passes`.</summary>
public sealed record PassInfo(string Name, string Description);

/// <summary>Every pass by name, and the default pipeline.</summary>
internal static class PassCatalog
{
    private static readonly ITranspilerPass[] All =
    [
        new UnrollPass(),
        new LayoutPass(),
        new RoutePass(),
        new TranslatePass(),
        new FixDirectionPass(),
        new OptimizeOneQubitPass(),
        new CancelPass(),
        new ConsolidatePass(),
        new TrimPass(),
    ];

    public static readonly IReadOnlyList<string> Default =
        ["unroll", "trim", "optimize-1q", "layout", "route", "translate", "fix-direction", "consolidate", "optimize-1q", "cancel", "optimize-1q"];

    public static IReadOnlyList<PassInfo> Infos { get; } = [.. All.Select(p => new PassInfo(p.Name, p.Description))];

    public static ITranspilerPass Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new TranspileException(ErrorCodes.Transpile.UnknownPass, $"no pass named '{name}'; passes: {string.Join(", ", All.Select(p => p.Name))}");
}
