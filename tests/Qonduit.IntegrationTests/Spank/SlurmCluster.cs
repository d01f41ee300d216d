using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// The single-node Slurm cluster scripts/setup/slurm.sh starts, driven through its own commands (sbatch, scontrol,
/// sinfo). Terminal states come from `scontrol show job` (the setup keeps finished jobs for an hour).
/// </summary>
internal static partial class SlurmCluster
{
    public static string Node { get; } = Run("hostname", "-s").Trim();

    public static void EnsureUp()
    {
        if (TryRun("sinfo", $"-h -n {Node} -o %t", out var state) && state.Trim() is "idle" or "mix" or "alloc" or "comp") return;
        throw new InvalidOperationException($"Slurm is not running here (node state '{state.Trim()}'): run scripts/setup/slurm.sh as root first");
    }

    public static string NodeState() => Run("sinfo", "-h", "-n", Node, "-o", "%t").Trim();

    public static int LicenseTotal(string license)
    {
        var match = Regex.Match(Run("scontrol", "show", "license", license), @"Total=(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value) : throw new InvalidOperationException($"licence {license} is not configured");
    }

    private static readonly ConcurrentDictionary<string, byte> Submitted = new(StringComparer.Ordinal);

    /// <summary>Submits a script; returns the job id (sbatch --parsable). <see cref="CancelUnfinishedAsync"/> ends it if a test does not.</summary>
    public static string Submit(string workDir, string script, params string[] options)
    {
        var path = Path.Combine(workDir, $"job-{Guid.NewGuid():n}.sh");
        File.WriteAllText(path, "#!/bin/bash\n" + script);
        var output = Run("sbatch", ["--parsable", $"--chdir={workDir}", $"--output={workDir}/slurm-%j.out", .. options, path]);
        var job = output.Trim().Split(';')[0];
        Submitted[job] = 0;
        return job;
    }

    /// <summary>
    /// Cancels every job submitted here that has not ended and waits for its end: a test that failed half-way must not
    /// leave a job (some have no time limit) holding the node's CPUs and the single-lane device's lease for the tests after it.
    /// </summary>
    public static async Task CancelUnfinishedAsync()
    {
        foreach (var job in Submitted.Keys)
        {
            if (!Submitted.TryRemove(job, out _) || IsEnded(State(job))) continue;
            TryRun("scancel", [job], out _, out _);
            await WaitForEndAsync(job);
        }
    }

    private static bool IsEnded(string state) => state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "OUT_OF_MEMORY";

    public static Dictionary<string, string> Job(string jobId)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in JobField().Matches(Run("scontrol", "-o", "show", "job", jobId)))
            fields[m.Groups[1].Value] = m.Groups[2].Value;
        return fields;
    }

    public static string State(string jobId) => Job(jobId).GetValueOrDefault("JobState", "UNKNOWN");

    public static async Task<string> WaitUntilAsync(string jobId, Func<string, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = State(jobId);
            if (done(state)) return state;
            if (clock.Elapsed > timeout) throw new TimeoutException($"job {jobId} is still {state} after {timeout.TotalSeconds:0} s");
            await Task.Delay(200);
        }
    }

    public static Task<string> WaitForEndAsync(string jobId) =>
        WaitUntilAsync(jobId, IsEnded, TimeSpan.FromSeconds(120));

    public static string Output(string workDir, string jobId)
    {
        var path = Path.Combine(workDir, $"slurm-{jobId}.out");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    public static string Run(string file, params string[] arguments)
    {
        if (!TryRun(file, arguments, out var output, out var error))
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}{output}");
        return output;
    }

    private static bool TryRun(string file, string arguments, out string output) => TryRun(file, arguments.Split(' '), out output, out _);

    public static bool TryRun(string file, string[] arguments, out string output, out string error)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output = stdout.Result;
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            (output, error) = ("", e.Message);
            return false;
        }
    }

    [GeneratedRegex(@"(\w+)=(\S*)")]
    private static partial Regex JobField();
}
