using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Cli.Results;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Simulation;
using Qonduit.Simulation.Estimation;
using Qonduit.Simulation.State;
using Spectre.Console;

namespace Qonduit.Cli.Run;

/// <summary>Prints a run's answer: a histogram of the most frequent outcomes, a table of the most probable, or JSON.</summary>
internal sealed class RunReport(string file, string device, int? snapshotVersion, double parseMs)
{
    /// <summary>Mapping the circuit onto the device (0 when it was already native or ran ideally).</summary>
    public double TranspileMs { get; init; }

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="registers">The circuit's classical registers: those no measurement writes are left out of the listing.</param>
    /// <param name="top">How many outcomes to list (<see cref="CountsView"/>); null for all (and for outcomes named with
    /// --outcomes). JSON lists every count, and the probabilities asked for.</param>
    public void Print(SimulationResult result, IReadOnlyList<ClassicalRegisterShape> registers, int? top, bool json)
    {
        if (json)
        {
            Console.WriteLine(ToJson(result, top).ToJsonString(Indented));
            return;
        }
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(file)}[/] on [bold]{Markup.Escape(device)}[/]{(snapshotVersion is { } v ? $" v{v}" : "")}"
            + $"{(result.Noisy ? " with noise" : "")} · {Precision(result.Precision)} · seed {result.Seed}");
        if (result.Counts is { } counts)
        {
            var view = CountsView.Of(counts, result.Shots, result.Simulations, registers, top);
            var chart = new BarChart().Width(Math.Min(100, Math.Max(40, console.Profile.Width)));
            foreach (var row in view.Rows) chart.AddItem(Markup.Escape(row.Outcome), row.Weight, Color.SteelBlue);
            console.Write(chart);
            Footer(console, view);
        }
        if (result.Probabilities is { } probabilities)
        {
            var view = CountsView.OfProbabilities([.. probabilities.Select(p => (p.Outcome, p.Probability))], registers, top);
            var table = new Table().AddColumn("outcome").AddColumn(new TableColumn("probability").RightAligned());
            foreach (var row in view.Rows) table.AddRow(Markup.Escape(row.Outcome), view.Weight(row));
            console.Write(table);
            Footer(console, view);
        }
        var t = result.Timings;
        console.MarkupLine($"[grey]parse {t.ParseMs:F1} ms · transpile {TranspileMs:F1} ms · noise {t.NoiseMs:F1} ms · simulate {t.SimulateMs:F1} ms · "
            + $"{result.GatesBeforeFusion} gates in {result.PassesAfterFusion} passes · state {StateVectorLimits.FormatBytes(result.MemoryBytes)}[/]");
    }

    public void PrintEstimate(string observable, EstimatorResult estimate, bool json)
    {
        if (json)
        {
            var terms = new JsonArray();
            foreach (var t in estimate.Terms)
                terms.Add(new JsonObject { ["label"] = t.Label, ["coefficient"] = t.Coefficient, ["expectation"] = t.Expectation, ["standardError"] = t.StandardError });
            var node = new JsonObject
            {
                ["file"] = file,
                ["device"] = device,
                ["snapshotVersion"] = snapshotVersion,
                ["observable"] = observable,
                ["value"] = estimate.Value,
                ["standardError"] = estimate.StandardError,
                ["shots"] = estimate.Shots,
                ["seed"] = estimate.Seed,
                ["terms"] = terms,
                ["timings"] = new JsonObject { ["parseMs"] = Math.Round(parseMs, 3) },
            };
            Console.WriteLine(node.ToJsonString(Indented));
            return;
        }
        var console = AnsiConsole.Console;
        var error = estimate.StandardError is { } e ? $" ± {e.ToString("G6", CultureInfo.InvariantCulture)}" : " (exact)";
        console.MarkupLine($"[bold]⟨{Markup.Escape(observable)}⟩[/] = [bold]{estimate.Value.ToString("G15", CultureInfo.InvariantCulture)}[/]{error}"
            + $" on {Markup.Escape(device)}{(estimate.Shots is { } s ? $" · {s} shots per term · seed {estimate.Seed}" : "")}");
        var table = new Table().AddColumn("term").AddColumn(new TableColumn("coefficient").RightAligned())
            .AddColumn(new TableColumn("⟨P⟩").RightAligned()).AddColumn(new TableColumn("std. error").RightAligned());
        foreach (var t in estimate.Terms)
            table.AddRow(Markup.Escape(t.Label), t.Coefficient.ToString("G6", CultureInfo.InvariantCulture),
                t.Expectation.ToString("G10", CultureInfo.InvariantCulture), t.StandardError?.ToString("G4", CultureInfo.InvariantCulture) ?? "—");
        console.Write(table);
    }

    private static void Footer(IAnsiConsole console, CountsView view)
    {
        if (view.More is { } more) console.MarkupLine($"[grey]{Markup.Escape(more)}[/]");
        console.MarkupLine(Markup.Escape(view.Summary));
        if (view.OmittedLine is { } omitted) console.MarkupLine($"[grey]{Markup.Escape(omitted)}[/]");
    }

    private JsonObject ToJson(SimulationResult result, int? top)
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
            // The simulator was asked for one more than --top (to know whether more exist); JSON lists the ones asked for.
            foreach (var p in probabilities.Take(top ?? int.MaxValue)) ordered[p.Outcome] = p.Probability;
            node["probabilities"] = ordered;
        }
        node["timings"] = new JsonObject
        {
            ["parseMs"] = Math.Round(parseMs, 3),
            ["transpileMs"] = Math.Round(TranspileMs, 3),
            ["noiseMs"] = Math.Round(result.Timings.NoiseMs, 3),
            ["stateMs"] = Math.Round(result.Timings.StateMs, 3),
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
