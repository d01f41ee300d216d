using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Qonduit.Circuits;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Transpiler;
using Qonduit.Transpiler.Routing;
using Spectre.Console;
using TranspilerRun = Qonduit.Transpiler.Transpiler;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench transpile`: QASMBench small and medium on ibm_fez, ibm_brisbane and a 10×10 grid, for every layout
/// strategy, routed by SABRE and by the greedy shortest-path baseline in the same run. Prints, per device and layout,
/// total swaps added, two-qubit gates, depth and time side by side, then the targets against their bounds: SABRE's
/// total swaps at most 75% of the baseline's; the default pipeline's two-qubit gates against
/// bench/baselines/transpile-2q.json (geometric mean of the ratios at most 0.75); every circuit of under 1,000 gates
/// transpiled by the default pipeline (warm, one thread) in under 50 ms; and the 18-qubit QFT on ibm_fez from a fresh
/// process (<see cref="TranspiledRunCheck"/>).
/// </summary>
public static class TranspileBenchmark
{
    private const double SwapTarget = 0.75;
    private const double TwoQubitTarget = 0.75;
    private const double TimeTargetMs = 50;
    private const int SmallCircuitGates = 1000;

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "the repository's data folder (default: found above the working directory)" };
        var sets = new Option<string>("--sets") { Description = "QASMBench folders to use", DefaultValueFactory = _ => "small,medium" };
        var seed = new Option<int>("--seed") { Description = "router seed", DefaultValueFactory = _ => 0 };
        var defaultOnly = new Option<bool>("--default-only") { Description = "measure only the default pipeline (no layout × router comparison)" };
        var writeBaseline = new Option<bool>("--write-baseline") { Description = "write the default pipeline's two-qubit counts to bench/baselines/transpile-2q.json" };
        var command = new Command("transpile", "transpile time, depth, 2q gates and swaps: SABRE against a greedy router, per layout strategy; 2q gates against the baseline")
        {
            data, sets, seed, defaultOnly, writeBaseline,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(data) ?? Repository.Data();
            var names = parse.GetValue(sets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Run(folder, names, parse.GetValue(seed), parse.GetValue(defaultOnly), parse.GetValue(writeBaseline));
        });
        return command;
    }

    private sealed record Row(string Device, string Circuit, int Gates, LayoutStrategy Layout, RoutingStrategy Router, double Ms, CircuitSize After, int Swaps);

    private static int Run(string dataFolder, string[] sets, int seed, bool defaultOnly, bool writeBaseline)
    {
        var devices = new[]
        {
            Bundled("ibm_fez"),
            Bundled("ibm_brisbane"),
            DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Grid, 100, Seed: 1, Name: "grid-10x10")),
        };
        var circuits = new List<(string Name, Circuit Circuit)>();
        var skipped = new List<string>();
        foreach (var set in sets)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(dataFolder, "qasmbench", set), "*.qasm").Order(StringComparer.Ordinal))
            {
                try
                {
                    circuits.Add(($"{set}/{Path.GetFileNameWithoutExtension(file)}", QasmParser.ParseFile(file)));
                }
                catch (QonduitException e)
                {
                    skipped.Add($"{set}/{Path.GetFileName(file)} ({e.Code})");
                }
            }

        var rows = new List<Row>();
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(progress =>
        {
            foreach (var device in devices)
            {
                var task = progress.AddTask(device.Device, maxValue: circuits.Count);
                TranspilerRun.Run(circuits[0].Circuit, device, new TranspileOptions(Seed: seed));
                foreach (var (name, circuit) in circuits)
                {
                    if (circuit.NumQubits <= device.NumQubits) rows.AddRange(Measure(device, name, circuit, seed, defaultOnly));
                    task.Increment(1);
                }
            }
        });
        if (writeBaseline)
        {
            var path = TwoQubitBaseline.DefaultPath();
            TwoQubitBaseline.Write(path, BenchResults.GitCommit(), DefaultPipeline(rows).Select(r => (r.Device, r.Circuit, r.After.TwoQubitGates)));
            AnsiConsole.MarkupLine($"[grey]baseline written to {Markup.Escape(path)}[/]");
        }
        return Report(rows, skipped, circuits.Count, defaultOnly, TranspiledRunCheck.Run(dataFolder));
    }

    /// <summary>The rows of the pipeline a user gets without options: noise-aware layout, SABRE.</summary>
    private static IEnumerable<Row> DefaultPipeline(IEnumerable<Row> rows) =>
        rows.Where(r => r.Layout == TranspileOptions.Default.Layout && r.Router == TranspileOptions.Default.Routing);

    private static IEnumerable<Row> Measure(DeviceSnapshot device, string name, Circuit circuit, int seed, bool defaultOnly)
    {
        var gates = circuit.Instructions.Count(i => i is Instruction.Gate);
        var repetitions = gates < SmallCircuitGates ? 3 : 1;
        foreach (var layout in Enum.GetValues<LayoutStrategy>())
            foreach (var router in Enum.GetValues<RoutingStrategy>())
            {
                if (defaultOnly && (layout != TranspileOptions.Default.Layout || router != TranspileOptions.Default.Routing)) continue;
                var options = new TranspileOptions(layout, router, Seed: seed);
                TranspileResult? result = null;
                var times = new List<double>(repetitions);
                for (var r = 0; r < repetitions; r++)
                {
                    var clock = Stopwatch.StartNew();
                    result = TranspilerRun.Run(circuit, device, options);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                yield return new Row(device.Device, name, gates, layout, router, times[times.Count / 2], result!.After, result.SwapsAdded);
            }
    }

    private static int Report(List<Row> rows, List<string> skipped, int circuitCount, bool defaultOnly, JsonObject qft18)
    {
        var table = new Table().Title("QASMBench small + medium: SABRE vs greedy baseline (totals over circuits)")
            .AddColumns("device", "layout", "circuits", "swaps sabre", "swaps greedy", "fewer", "2q sabre", "2q greedy", "depth sabre", "depth greedy", "ms sabre", "ms greedy", "max ms <1k gates");
        foreach (var group in rows.GroupBy(r => (r.Device, r.Layout)))
        {
            var sabre = group.Where(r => r.Router == RoutingStrategy.Sabre).ToList();
            var greedy = group.Where(r => r.Router == RoutingStrategy.Greedy).ToList();
            table.AddRow(group.Key.Device, TranspileOptions.Name(group.Key.Layout), sabre.Count.ToString(),
                sabre.Sum(r => r.Swaps).ToString(), greedy.Sum(r => r.Swaps).ToString(), Percent(sabre.Sum(r => r.Swaps), greedy.Sum(r => r.Swaps)),
                sabre.Sum(r => r.After.TwoQubitGates).ToString(), greedy.Sum(r => r.After.TwoQubitGates).ToString(),
                sabre.Sum(r => r.After.Depth).ToString(), greedy.Sum(r => r.After.Depth).ToString(),
                sabre.Sum(r => r.Ms).ToString("F0"), greedy.Sum(r => r.Ms).ToString("F0"),
                sabre.Where(r => r.Gates < SmallCircuitGates).Select(r => r.Ms).DefaultIfEmpty().Max().ToString("F1"));
        }
        AnsiConsole.Write(table);

        var sabreSwaps = rows.Where(r => r.Router == RoutingStrategy.Sabre).Sum(r => r.Swaps);
        var greedySwaps = rows.Where(r => r.Router == RoutingStrategy.Greedy).Sum(r => r.Swaps);
        var smallTimes = rows.Where(r => r.Router == RoutingStrategy.Sabre && r.Gates < SmallCircuitGates).Select(r => r.Ms).Order().ToArray();
        var slowest = rows.Where(r => r.Router == RoutingStrategy.Sabre && r.Gates < SmallCircuitGates).MaxBy(r => r.Ms);
        var swapsMet = sabreSwaps <= SwapTarget * greedySwaps;
        var timeMet = smallTimes.Length > 0 && smallTimes[^1] < TimeTargetMs;
        if (!defaultOnly)
            AnsiConsole.MarkupLine($"swaps added in total: SABRE {sabreSwaps}, greedy {greedySwaps} → {Percent(sabreSwaps, greedySwaps)} fewer " +
                $"(target ≥ {(1 - SwapTarget) * 100:F0}% fewer): {Verdict(swapsMet)}");
        AnsiConsole.MarkupLine($"circuits under {SmallCircuitGates} gates (SABRE, all layouts, {smallTimes.Length} runs): median {Median(smallTimes):F2} ms, " +
            $"max {smallTimes.DefaultIfEmpty().Max():F2} ms ({Markup.Escape(slowest?.Circuit ?? "-")} on {Markup.Escape(slowest?.Device ?? "-")}) (bound {TimeTargetMs} ms): {Verdict(timeMet)}");
        if (skipped.Count > 0) AnsiConsole.MarkupLine($"[yellow]not parsed, so not benchmarked: {Markup.Escape(string.Join(", ", skipped))}[/]");
        var lean = Lean(rows);

        var json = new JsonObject
        {
            ["circuits"] = circuitCount,
            ["skipped"] = new JsonArray([.. skipped.Select(s => (JsonNode)s)]),
            ["sabreSwaps"] = sabreSwaps,
            ["greedySwaps"] = greedySwaps,
            ["swapReduction"] = greedySwaps == 0 ? 0 : Math.Round(1 - (double)sabreSwaps / greedySwaps, 4),
            ["swapTargetMet"] = defaultOnly ? null : swapsMet,
            ["smallCircuitMedianMs"] = Math.Round(Median(smallTimes), 3),
            ["smallCircuitMaxMs"] = Math.Round(smallTimes.DefaultIfEmpty().Max(), 3),
            ["smallCircuitSlowest"] = slowest is null ? null : $"{slowest.Circuit} on {slowest.Device} ({TranspileOptions.Name(slowest.Layout)} layout)",
            ["timeTargetMet"] = timeMet,
            ["defaultOnly"] = defaultOnly,
            ["twoQubitBaselineCommit"] = lean.BaselineCommit,
            ["twoQubitRatioGeomean"] = double.IsNaN(lean.Ratio) ? null : Math.Round(lean.Ratio, 4),
            ["twoQubitRatioCircuits"] = lean.Circuits,
            ["twoQubitTargetMet"] = lean.RatioMet,
            ["twoQubitGatesDefault"] = DefaultPipeline(rows).Sum(r => r.After.TwoQubitGates),
            ["defaultSmallCircuitMaxMs"] = Math.Round(lean.SlowestMs, 3),
            ["defaultSmallCircuitSlowest"] = lean.Slowest,
            ["defaultTimeTargetMet"] = lean.TimeMet,
            ["qft18OnFez"] = qft18,
            ["groups"] = new JsonArray([.. rows.GroupBy(r => (r.Device, r.Layout, r.Router)).Select(g => (JsonNode)new JsonObject
            {
                ["device"] = g.Key.Device,
                ["layout"] = TranspileOptions.Name(g.Key.Layout),
                ["router"] = g.Key.Router.ToString().ToLowerInvariant(),
                ["swaps"] = g.Sum(r => r.Swaps),
                ["twoQubitGates"] = g.Sum(r => r.After.TwoQubitGates),
                ["depth"] = g.Sum(r => r.After.Depth),
                ["ms"] = Math.Round(g.Sum(r => r.Ms), 2),
            })]),
        };
        AnsiConsole.MarkupLine($"[grey]appended to {Markup.Escape(BenchResults.Append("transpile", json))}[/]");
        return 0;
    }

    private sealed record LeanFigures(string? BaselineCommit, double Ratio, int Circuits, bool RatioMet, double SlowestMs, string? Slowest, bool TimeMet);

    /// <summary>The default pipeline against the two-qubit baseline and the time bound, printed and returned for the JSON line.</summary>
    private static LeanFigures Lean(List<Row> rows)
    {
        var defaults = DefaultPipeline(rows).ToList();
        var small = defaults.Where(r => r.Gates < SmallCircuitGates).ToList();
        var slowest = small.MaxBy(r => r.Ms);
        var timeMet = slowest is null || slowest.Ms < TimeTargetMs;
        var slowestName = slowest is null ? null : $"{slowest.Circuit} on {slowest.Device}";
        AnsiConsole.MarkupLine($"default pipeline, circuits under {SmallCircuitGates} gates ({small.Count} on 3 devices, warm, one thread): " +
            $"slowest {slowest?.Ms ?? 0:F2} ms ({Markup.Escape(slowestName ?? "-")}) (bound {TimeTargetMs} ms): {Verdict(timeMet)}");

        var path = TwoQubitBaseline.DefaultPath();
        var baseline = TwoQubitBaseline.Read(path);
        if (baseline is null)
        {
            AnsiConsole.MarkupLine($"[yellow]no two-qubit baseline at {Markup.Escape(path)}: run with --write-baseline on the transpiler to compare against[/]");
            return new LeanFigures(null, double.NaN, 0, false, slowest?.Ms ?? 0, slowestName, timeMet);
        }
        var (ratio, circuits, worst) = baseline.Compare(defaults.Select(r => (r.Device, r.Circuit, r.After.TwoQubitGates)));
        var ratioMet = ratio <= TwoQubitTarget;
        AnsiConsole.MarkupLine($"two-qubit gates, default pipeline ÷ baseline ({Markup.Escape(baseline.Commit ?? "?")}), geometric mean over {circuits} circuit×device pairs: " +
            $"{ratio:F3} (bound {TwoQubitTarget}): {Verdict(ratioMet)}; worst {Markup.Escape(worst is { } w ? $"{w.Circuit} on {w.Device} ×{w.Ratio:F2}" : "-")}");
        return new LeanFigures(baseline.Commit, ratio, circuits, ratioMet, slowest?.Ms ?? 0, slowestName, timeMet);
    }

    private static string Percent(int sabre, int greedy) => greedy == 0 ? "-" : $"{(1 - (double)sabre / greedy) * 100:F1}%";

    private static string Verdict(bool met) => met ? "[green]met[/]" : "[red]missed[/]";

    private static double Median(double[] sorted) => sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];

    private static DeviceSnapshot Bundled(string name) =>
        BundledDevices.TryGet(name, out var snapshot) ? snapshot : throw new InvalidOperationException($"{name} is not bundled");
}
