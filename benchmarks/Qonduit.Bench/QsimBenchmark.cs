using System.CommandLine;
using System.Text.Json.Nodes;
using Qonduit.Bench.Qsim;
using Qonduit.Circuits.Qasm;
using Spectre.Console;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench qsim`: Qonduit against qsim side by side, cold. For each reference circuit RC(n, 10), interleaved
/// triples of fresh processes: `qsim_base -t 2 -f 3` (qsim's fuse + simu time: from a zeroed state to the final one),
/// `qonduit run --precision single --json` and the same in double precision (`simulateMs`: from a zeroed state,
/// fusion and sampling included). Targets: the median of Qonduit single ÷ qsim at most 0.90, double ÷ qsim single at
/// most 2. Both processes' wall times are printed beside them, not gated. qsim is built by whoever runs this, never
/// committed: `g++ -O3 -march=native -fopenmp apps/qsim_base.cc` in its checkout; its path comes from --qsim or QSIM_BASE.
/// </summary>
public static class QsimBenchmark
{
    private const double SingleTarget = 0.90;
    private const double DoubleTarget = 2.0;
    private const int Threads = 2;
    private const int Fusion = 3;

    public static Command Create()
    {
        var qsim = new Option<string?>("--qsim") { Description = "the qsim_base binary (default: $QSIM_BASE)" };
        var qubits = new Option<string>("--qubits") { Description = "reference circuits RC(n, 10) to run", DefaultValueFactory = _ => "24,26" };
        var pairs = new Option<int>("--pairs") { Description = "interleaved runs of each side per circuit", DefaultValueFactory = _ => 5 };
        var command = new Command("qsim", "cold runs against qsim (C++, float32, 3-qubit fusion) in interleaved fresh processes") { qsim, qubits, pairs };
        command.SetAction(parse =>
        {
            var binary = parse.GetValue(qsim) ?? Environment.GetEnvironmentVariable("QSIM_BASE");
            if (string.IsNullOrEmpty(binary) || !File.Exists(binary))
            {
                AnsiConsole.MarkupLine("[yellow]skipped: no qsim_base binary (pass --qsim PATH or set QSIM_BASE). Build it from quantumlib/qsim: " +
                    "g++ -O3 -march=native -fopenmp apps/qsim_base.cc -o qsim_base[/]");
                return 0;
            }
            var sizes = parse.GetValue(qubits)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            Run(binary, sizes, parse.GetValue(pairs));
            return 0;
        });
        return command;
    }

    private sealed record Triple(ProcessTiming Qsim, ProcessTiming Single, ProcessTiming Double)
    {
        public double SingleRatio => Single.SimulateMs / Qsim.SimulateMs;

        public double DoubleRatio => Double.SimulateMs / Qsim.SimulateMs;
    }

    private static void Run(string binary, int[] sizes, int pairs)
    {
        var results = new JsonArray();
        var folder = Directory.CreateTempSubdirectory("qonduit-bench-qsim-");
        try
        {
            foreach (var n in sizes)
            {
                var qasm = Path.Combine(Repository.Data(), "bench-circuits", $"rc_n{n}_d10.qasm");
                var qsimFile = Path.Combine(folder.FullName, $"rc_n{n}_d10.qsim");
                File.WriteAllText(qsimFile, QsimFormat.Write(QasmParser.ParseFile(qasm)));
                var triples = new List<Triple>();
                for (var i = 0; i < pairs; i++)
                {
                    var load = BenchResults.LoadAverage();
                    var triple = new Triple(
                        TimedProcess.Qsim(binary, qsimFile, Threads, Fusion),
                        TimedProcess.Qonduit(qasm, "--ideal", "--precision", "single", "--shots", "1000", "--seed", "1"),
                        TimedProcess.Qonduit(qasm, "--ideal", "--precision", "double", "--shots", "1000", "--seed", "1"));
                    triples.Add(triple);
                    AnsiConsole.MarkupLine($"RC({n},10) #{i + 1} (load {load}): qsim {Ms(triple.Qsim)} · single {Ms(triple.Single)} ×{triple.SingleRatio:F2} · " +
                        $"double {Ms(triple.Double)} ×{triple.DoubleRatio:F2}");
                }
                var single = Median(triples.Select(t => t.SingleRatio));
                var @double = Median(triples.Select(t => t.DoubleRatio));
                AnsiConsole.MarkupLine($"[bold]RC({n},10)[/]: median single ÷ qsim {single:F3} (bound {SingleTarget}): {Verdict(single <= SingleTarget)}; " +
                    $"double ÷ qsim single {@double:F3} (bound {DoubleTarget}): {Verdict(@double <= DoubleTarget)}; " +
                    $"median wall qsim {Median(triples.Select(t => t.Qsim.WallMs)):F0} ms, single {Median(triples.Select(t => t.Single.WallMs)):F0} ms, " +
                    $"double {Median(triples.Select(t => t.Double.WallMs)):F0} ms");
                results.Add(new JsonObject
                {
                    ["circuit"] = $"rc_n{n}_d10",
                    ["singleRatioMedian"] = Math.Round(single, 3),
                    ["singleTargetMet"] = single <= SingleTarget,
                    ["doubleRatioMedian"] = Math.Round(@double, 3),
                    ["doubleTargetMet"] = @double <= DoubleTarget,
                    ["runs"] = new JsonArray([.. triples.Select(t => (JsonNode)new JsonObject
                    {
                        ["qsimMs"] = Math.Round(t.Qsim.SimulateMs, 1),
                        ["qsimWallMs"] = Math.Round(t.Qsim.WallMs, 1),
                        ["singleMs"] = Math.Round(t.Single.SimulateMs, 1),
                        ["singleWallMs"] = Math.Round(t.Single.WallMs, 1),
                        ["doubleMs"] = Math.Round(t.Double.SimulateMs, 1),
                        ["doubleWallMs"] = Math.Round(t.Double.WallMs, 1),
                    })]),
                });
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
        var json = new JsonObject { ["qsim"] = Path.GetFileName(binary), ["threads"] = Threads, ["fusion"] = Fusion, ["loadAverage"] = BenchResults.LoadAverage(), ["circuits"] = results };
        AnsiConsole.MarkupLine($"[grey]appended to {Markup.Escape(BenchResults.Append("qsim", json))}[/]");
    }

    private static string Ms(ProcessTiming t) => $"{t.SimulateMs:F0} ms (wall {t.WallMs:F0} ms)";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Verdict(bool met) => met ? "[green]met[/]" : "[red]missed[/]";
}
