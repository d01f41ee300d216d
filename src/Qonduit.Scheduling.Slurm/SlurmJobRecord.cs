using System.Globalization;
using System.Text.RegularExpressions;
using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm;

/// <summary>
/// One job as `scontrol show job --oneliner` prints it (`Key=Value` pairs separated by spaces; values such as
/// `TRES=cpu=1,mem=1G` hold '=' themselves), and how its state maps onto the scheduler port.
/// </summary>
public sealed partial class SlurmJobRecord(IReadOnlyDictionary<string, string> fields)
{
    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public string State => Fields.TryGetValue("JobState", out var state) ? state : "";

    public static SlurmJobRecord Parse(string oneLine)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = oneLine.Trim();
        var starts = KeyStart().Matches(text).Select(m => m.Index).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            var pair = text[starts[i]..end].Trim();
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            fields.TryAdd(pair[..eq], pair[(eq + 1)..]);
        }
        return new SlurmJobRecord(fields);
    }

    /// <summary>The end of the job, or null while Slurm still runs, queues or finishes it.</summary>
    public JobTermination? Termination()
    {
        var (exitCode, signal) = ParseExitCode(Fields.GetValueOrDefault("ExitCode"));
        var reason = Fields.GetValueOrDefault("Reason") is { } r && r != "None" ? r : null;
        return SlurmStates.ToTermination(State, exitCode, signal, reason, NeverStarted());
    }

    /// <summary>"3:0" is exit code 3; "0:9" is killed by signal 9.</summary>
    public static (int? ExitCode, int? Signal) ParseExitCode(string? text)
    {
        if (text is null) return (null, null);
        var parts = text.Split(':');
        int? code = parts.Length > 0 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        int? signal = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return (code, signal);
    }

    // Slurm stamps StartTime (and BatchHost) even on a job cancelled while pending, so "never ran" is read from RunTime.
    private bool NeverStarted() => Fields.GetValueOrDefault("RunTime") is null or "00:00:00";

    // A key starts the text or follows a space, and is a word (with '/' or ':' as in CPUs/Task, AllocNode:Sid) before '='.
    [GeneratedRegex(@"(?<=^|\s)[A-Za-z][A-Za-z0-9_/:]*=")]
    private static partial Regex KeyStart();
}
