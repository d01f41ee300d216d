using System.Text.Json.Nodes;
using Qonduit.Bench.Qsim;
using Spectre.Console;

namespace Qonduit.Bench;

/// <summary>
/// Part of `qonduit bench transpile`: the 18-qubit QFT on ibm_fez, 1,000 shots, noise off, as a user runs it (fresh
/// `qonduit run --json` processes): it must be one simulation, and transpiling plus simulating it must take at most
/// twice the simulation of the same circuit run ideally, untranspiled. Medians of interleaved pairs.
/// </summary>
internal static class TranspiledRunCheck
{
    private const double Bound = 2.0;
    private const int Pairs = 3;

    public static JsonObject Run(string dataFolder)
    {
        var file = Path.Combine(dataFolder, "qasmbench", "medium", "qft_n18.qasm");
        var mapped = new List<(double Ms, int Simulations)>();
        var ideal = new List<double>();
        for (var i = 0; i < Pairs; i++)
        {
            var onDevice = TimedProcess.Qonduit(file, "--device", "ibm_fez", "--noise", "off", "--shots", "1000", "--seed", "1").Report!;
            var timings = onDevice["timings"]!;
            mapped.Add((timings["transpileMs"]!.GetValue<double>() + timings["simulateMs"]!.GetValue<double>(), onDevice["simulations"]!.GetValue<int>()));
            ideal.Add(TimedProcess.Qonduit(file, "--ideal", "--shots", "1000", "--seed", "1").SimulateMs);
        }
        var mappedMs = Median(mapped.Select(m => m.Ms));
        var idealMs = Median(ideal);
        var oneSimulation = mapped.All(m => m.Simulations == 1);
        var met = oneSimulation && mappedMs <= Bound * idealMs;
        AnsiConsole.MarkupLine($"qft_n18 on ibm_fez, 1,000 shots, noise off (fresh processes, median of {Pairs}): transpile + simulate {mappedMs:F0} ms, " +
            $"ideal untranspiled simulate {idealMs:F0} ms → ×{mappedMs / idealMs:F2} (bound ×{Bound}), simulations {string.Join("/", mapped.Select(m => m.Simulations))} " +
            $"(bound 1): {(met ? "[green]met[/]" : "[red]missed[/]")}");
        return new JsonObject
        {
            ["transpileAndSimulateMs"] = Math.Round(mappedMs, 1),
            ["idealSimulateMs"] = Math.Round(idealMs, 1),
            ["ratio"] = Math.Round(mappedMs / idealMs, 3),
            ["oneSimulation"] = oneSimulation,
            ["targetMet"] = met,
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
