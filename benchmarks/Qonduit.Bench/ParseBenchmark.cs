using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench parse`: OpenQASM parse time of medium/bwt_n21.qasm (1.4 MB; target under 1 s) and of the whole
/// corpus, median of several runs after a warm-up, beside the time to merely read the same bytes (the bound).
/// </summary>
public static class ParseBenchmark
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "timed runs per figure (the median is reported)", DefaultValueFactory = _ => 7 };
        var data = new Option<string?>("--data") { Description = "the data folder (default: data/ of the repository above the working directory)" };
        var command = new Command("parse", "OpenQASM parse time of bwt_n21.qasm and of the whole corpus, beside the time to read the bytes");
        command.Options.Add(runs);
        command.Options.Add(data);
        command.SetAction(parseResult =>
        {
            var folder = parseResult.GetValue(data) ?? Repository.Data();
            var count = Math.Max(1, parseResult.GetValue(runs));
            var bwt = Path.Combine(folder, "qasmbench", "medium", "bwt_n21.qasm");
            var corpus = Directory.EnumerateFiles(Path.Combine(folder, "qasmbench"), "*.qasm", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(folder, "bench-circuits"), "*.qasm*"))
                .Order(StringComparer.Ordinal).ToArray();
            var figures = new JsonObject { ["runs"] = count };
            Measure("bwt_n21", [bwt], count, figures);
            Measure("corpus", corpus, count, figures);
            Console.WriteLine($"target: bwt_n21 under 1000 ms; appended to {BenchResults.Append("parse", figures)}");
            return 0;
        });
        return command;
    }

    private static void Measure(string name, string[] files, int runs, JsonObject figures)
    {
        var bytes = files.Sum(f => new FileInfo(f).Length);
        var outcomes = files.Select(TryParse).ToArray();
        var instructions = outcomes.Sum(o => o ?? 0);
        var rejected = outcomes.Count(o => o is null);
        var (parse, parseCpu) = Median(runs, () => { foreach (var f in files) TryParse(f); });
        var (read, _) = Median(runs, () => { foreach (var f in files) File.ReadAllBytes(f); });
        Console.WriteLine($"{name,-8} {files.Length,3} file(s) {bytes / 1e6,6:F2} MB {instructions,8} instructions ({rejected} rejected as invalid): " +
                          $"parse {parse,9:F2} ms wall, {parseCpu,9:F2} ms cpu ({bytes / 1e3 / parse,6:F1} MB/s)   read bytes {read,7:F2} ms (bound)");
        figures[name] = new JsonObject
        {
            ["files"] = files.Length,
            ["bytes"] = bytes,
            ["instructions"] = instructions,
            ["rejected"] = rejected,
            ["parseMsMedian"] = Math.Round(parse, 3),
            ["parseCpuMsMedian"] = Math.Round(parseCpu, 3),
            ["readMsMedian"] = Math.Round(read, 3),
        };
    }

    // Invalid corpus files (QASMBench has a few) still cost their parse up to the error; they count as rejected.
    private static int? TryParse(string file)
    {
        try
        {
            return QasmParser.ParseFile(file).Instructions.Count;
        }
        catch (QasmException)
        {
            return null;
        }
    }

    /// <summary>Median wall and process-CPU milliseconds after one warm-up; CPU time shows what a busy machine hides.</summary>
    private static (double Wall, double Cpu) Median(int runs, Action action)
    {
        action();
        var wall = new double[runs];
        var cpu = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            action();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpuStart).TotalMilliseconds;
        }
        return (Middle(wall), Middle(cpu));
    }

    private static double Middle(double[] values)
    {
        Array.Sort(values);
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
