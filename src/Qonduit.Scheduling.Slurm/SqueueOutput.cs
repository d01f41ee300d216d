namespace Qonduit.Scheduling.Slurm;

/// <summary>Reads `squeue --noheader --format=%i|%T`: one `jobid|STATE` line per job Slurm still holds.</summary>
public static class SqueueOutput
{
    public const string Format = "%i|%T";

    public static IReadOnlyDictionary<string, string> Parse(string stdout)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.Trim();
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0) continue;
            states[line[..bar]] = line[(bar + 1)..];
        }
        return states;
    }

    /// <summary>squeue exits 1 with this message when none of the requested ids is known (any more).</summary>
    public static bool IsInvalidJobId(CommandResult result) =>
        result.ExitCode == 1 && result.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase);
}
