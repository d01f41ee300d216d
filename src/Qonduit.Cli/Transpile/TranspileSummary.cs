using Qonduit.Transpiler;

namespace Qonduit.Cli.Transpile;

/// <summary>The human-readable report of one transpilation: passes, layout, permutation and sizes.</summary>
internal static class TranspileSummary
{
    public static void Write(TextWriter to, string file, string device, TranspileOptions options, TranspileResult result)
    {
        to.WriteLine($"{file} → {device} ({TranspileOptions.Name(options.Layout)} layout, {options.Routing.ToString().ToLowerInvariant()} routing, {result.Elapsed.TotalMilliseconds:F1} ms)");
        to.WriteLine($"  passes:       {string.Join(",", result.Passes)}");
        to.WriteLine($"  layout:       {Mapping(result.InitialLayout)}");
        to.WriteLine($"  final:        {Mapping(result.FinalPermutation)}");
        to.WriteLine($"  before:       {result.Before}");
        to.WriteLine($"  after:        {result.After}, {result.SwapsAdded} swaps added");
    }

    /// <summary>"q0→12 q1→13 ...": logical qubit → physical qubit.</summary>
    private static string Mapping(IReadOnlyList<int> layout) =>
        layout.Count == 0 ? "(no qubits)" : string.Join(" ", layout.Select((p, l) => $"q{l}→{p}"));
}
