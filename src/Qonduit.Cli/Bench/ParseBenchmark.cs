using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Cli.Bench;

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
            var folder = parseResult.GetValue(data) ?? DataFolder();
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
        var instructions = files.Sum(f => QasmParser.ParseFile(f).Instructions.Count);
        var parse = Median(runs, () => { foreach (var f in files) QasmParser.ParseFile(f); });
        var read = Median(runs, () => { foreach (var f in files) File.ReadAllBytes(f); });
        Console.WriteLine($"{name,-8} {files.Length,3} file(s) {bytes / 1e6,6:F2} MB {instructions,8} instructions: " +
                          $"parse {parse,9:F2} ms ({bytes / 1e3 / parse,7:F1} MB/s)   read bytes {read,7:F2} ms (bound)");
        figures[name] = new JsonObject
        {
            ["files"] = files.Length,
            ["bytes"] = bytes,
            ["instructions"] = instructions,
            ["parseMsMedian"] = Math.Round(parse, 3),
            ["readMsMedian"] = Math.Round(read, 3),
        };
    }

    private static double Median(int runs, Action action)
    {
        action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    private static string DataFolder()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Qonduit.slnx"))) return Path.Combine(dir.FullName, "data");
        throw new Circuits.QonduitException("bench_no_data", "cannot find the repository's data/ folder above the working directory; pass --data");
    }
}
