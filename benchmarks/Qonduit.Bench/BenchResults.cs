using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Cli.Bench;

namespace Qonduit.Bench;

/// <summary>
/// Appends one JSON line per benchmark run to bench/results/&lt;name&gt;.jsonl so figures compare across commits.
/// The folder is found above the working directory (the repository) or given by QONDUIT_BENCH_RESULTS; QONDUIT_BENCH_NOTE
/// adds a free-text note to the line.
/// </summary>
public static class BenchResults
{
    public static string Append(string benchmark, JsonObject figures)
    {
        var folder = ResultsFolder();
        Directory.CreateDirectory(folder);
        var line = new JsonObject
        {
            ["benchmark"] = benchmark,
            ["at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["commit"] = GitCommit(),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["figures"] = figures,
        };
        // Whatever the person running it knows and the figures cannot say (e.g. "machine loaded by other builds").
        if (Environment.GetEnvironmentVariable("QONDUIT_BENCH_NOTE") is { Length: > 0 } note) line["note"] = note;
        var path = Path.Combine(folder, benchmark + ".jsonl");
        File.AppendAllText(path, line.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) + "\n");
        return path;
    }

    private static string ResultsFolder()
    {
        var configured = Environment.GetEnvironmentVariable("QONDUIT_BENCH_RESULTS");
        if (!string.IsNullOrEmpty(configured)) return configured;
        return Path.Combine(SourceCheckout.Root() ?? Environment.CurrentDirectory, "bench", "results");
    }

    /// <summary>The 1, 5 and 15 minute load averages, printed beside every figure: this machine is shared.</summary>
    /// <summary>The nearest-rank percentile <paramref name="p"/> (0..1) of <paramref name="samples"/>; NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string? GitCommit()
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", "rev-parse --short HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
