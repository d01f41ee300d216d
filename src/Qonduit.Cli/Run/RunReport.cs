using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Simulation;
using Qonduit.Simulation.State;
using Spectre.Console;

namespace Qonduit.Cli.Run;

/// <summary>Prints a run's answer: a histogram of counts (most frequent first), a table of probabilities, or JSON.</summary>
internal sealed class RunReport(string file, string device, int? snapshotVersion, double parseMs)
{
    /// <summary>A histogram longer than this is cut: the rest is summarised in one line.</summary>
    private const int MaxBars = 32;

    public void Print(SimulationResult result, bool json)
    {
        if (json)
        {
            Console.WriteLine(ToJson(result).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(file)}[/] on [bold]{Markup.Escape(device)}[/]{(snapshotVersion is { } v ? $" v{v}" : "")}"
            + $"{(result.Noisy ? " with noise" : "")} · {Precision(result.Precision)} · seed {result.Seed}");
        if (result.Counts is { } counts)
        {
            var chart = new BarChart().Width(Math.Min(100, Math.Max(40, console.Profile.Width))).Label($"{result.Shots} shots");
            var ordered = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToArray();
            foreach (var (key, count) in ordered.Take(MaxBars)) chart.AddItem(Markup.Escape(key), count, Color.SteelBlue);
            console.Write(chart);
            if (ordered.Length > MaxBars)
                console.MarkupLine($"[grey]… {ordered.Length - MaxBars} more outcomes with {ordered.Skip(MaxBars).Sum(c => c.Value)} shots[/]");
        }
        if (result.Probabilities is { } probabilities)
        {
            var table = new Table().AddColumn("outcome").AddColumn(new TableColumn("probability").RightAligned());
            foreach (var p in probabilities) table.AddRow(Markup.Escape(p.Outcome), p.Probability.ToString("G15", CultureInfo.InvariantCulture));
            console.Write(table);
        }
        var t = result.Timings;
        console.MarkupLine($"[grey]parse {t.ParseMs:F1} ms · noise {t.NoiseMs:F1} ms · simulate {t.SimulateMs:F1} ms · "
            + $"{result.GatesBeforeFusion} gates in {result.PassesAfterFusion} passes · state {StateVectorLimits.FormatBytes(result.MemoryBytes)}[/]");
    }

    private JsonObject ToJson(SimulationResult result)
    {
        var node = new JsonObject
        {
            ["file"] = file,
            ["device"] = device,
            ["snapshotVersion"] = snapshotVersion,
            ["noisy"] = result.Noisy,
            ["precision"] = Precision(result.Precision),
            ["shots"] = result.Shots,
            ["seed"] = result.Seed,
        };
        if (result.Counts is { } counts)
        {
            var ordered = new JsonObject();
            foreach (var (key, count) in counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)) ordered[key] = count;
            node["counts"] = ordered;
        }
        if (result.Probabilities is { } probabilities)
        {
            var ordered = new JsonObject();
            foreach (var p in probabilities) ordered[p.Outcome] = p.Probability;
            node["probabilities"] = ordered;
        }
        node["timings"] = new JsonObject
        {
            ["parseMs"] = Math.Round(parseMs, 3),
            ["noiseMs"] = Math.Round(result.Timings.NoiseMs, 3),
            ["simulateMs"] = Math.Round(result.Timings.SimulateMs, 3),
        };
        node["memoryBytes"] = result.MemoryBytes;
        node["gates"] = result.GatesBeforeFusion;
        node["passes"] = result.PassesAfterFusion;
        node["simulations"] = result.Simulations;
        return node;
    }

    private static string Precision(Precision precision) => precision == Simulation.State.Precision.Double ? "double" : "single";
}
