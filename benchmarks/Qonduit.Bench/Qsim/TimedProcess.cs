using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Qonduit.Circuits;
using Qonduit.Cli.Runner;

namespace Qonduit.Bench.Qsim;

/// <summary>What one fresh process reported and how long it lived, start to exit.</summary>
public sealed record ProcessTiming(double SimulateMs, double WallMs, JsonNode? Report = null);

/// <summary>Fresh processes, as a user starts them: `qonduit run … --json` of this build, and qsim's `qsim_base`.</summary>
public static class TimedProcess
{
    /// <summary>
    /// A fresh `qonduit run` as a user starts it: the CLI `./qonduit` runs (its ReadyToRun publish, named by
    /// QONDUIT_CLI_DLL when the bench was started through it), else the one beside this bench; its JSON report and the
    /// process's wall time.
    /// </summary>
    public static ProcessTiming Qonduit(params string[] arguments)
    {
        var self = Environment.GetEnvironmentVariable("QONDUIT_CLI_DLL") is { Length: > 0 } dll && File.Exists(dll)
            ? ["dotnet", dll]
            : RunnerCommands.CurrentCommand();
        var (output, wallMs) = Run(self[0], [.. self.Skip(1), "run", .. arguments, "--json"]);
        var report = JsonNode.Parse(output) ?? throw new QonduitException("bench.qonduit-no-report", "qonduit run --json printed nothing");
        return new ProcessTiming(report["timings"]!["simulateMs"]!.GetValue<double>(), wallMs, report);
    }

    /// <summary>
    /// `qsim_base -c FILE -t THREADS -f FUSION -v 2`: its fuse time plus its simu time, which together run from a
    /// zeroed state to the final one (qsim allocates and zeroes the state before either clock starts).
    /// </summary>
    public static ProcessTiming Qsim(string binary, string circuitFile, int threads, int fusion)
    {
        var (output, wallMs) = Run(binary, ["-c", circuitFile, "-t", threads.ToString(CultureInfo.InvariantCulture), "-f", fusion.ToString(CultureInfo.InvariantCulture), "-v", "2"]);
        return new ProcessTiming(1000 * (Seconds(output, "fuse") + Seconds(output, "simu")), wallMs);
    }

    private static double Seconds(string output, string clock) =>
        Regex.Match(output, $@"{clock} time is ([0-9.eE+-]+) seconds") is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new QonduitException("bench.qsim-no-time", $"qsim_base printed no '{clock} time' line:\n{output}");

    private static (string Output, double WallMs) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new QonduitException("bench.process-not-started", $"could not start {program}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wallMs = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
            throw new QonduitException("bench.process-failed", $"{program} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {error.Result}");
        return (output, wallMs);
    }
}
