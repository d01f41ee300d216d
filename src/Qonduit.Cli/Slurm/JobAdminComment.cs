using System.Globalization;
using Qonduit.Contracts.Accounting;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Cli.Slurm;

/// <summary>
/// What a `--qpu` job used of each control-plane QPU, written into its AdminComment at its end (docs/orchestration.md §3
/// "Accounting"), where `scontrol show job` (and slurmdbd's job records, `sacct -o AdminComment`) show it. One entry per
/// QPU, entries separated by `;`:
/// <c>qonduit:&lt;resource&gt;:lane_seconds=&lt;seconds, 3 decimals&gt;,shots=&lt;n&gt;,tasks=&lt;n&gt;</c> — the ended tasks the job
/// submitted with its lease: the seconds they held a QPU lane, the shots they delivered, how many. Whatever else the
/// comment holds (a site's own notes) is kept; an entry of the same resource is replaced. Slurm refuses to update a job
/// that has finished, so this runs from the plugin's exit hook, while the job is still completing.
/// </summary>
public static class JobAdminComment
{
    public const string Prefix = "qonduit:";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static string Entry(string resource, AccountingRowView used) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{resource}:lane_seconds={used.LaneSeconds:0.000},shots={used.Shots},tasks={used.Tasks}");

    /// <summary><paramref name="current"/> with <paramref name="resource"/>'s entry replaced by <paramref name="entry"/>, or added.</summary>
    public static string Merge(string? current, string resource, string entry)
    {
        var kept = (current ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => !part.StartsWith($"{Prefix}{resource}:", StringComparison.Ordinal));
        return string.Join(';', kept.Append(entry));
    }

    /// <summary>The AdminComment line of `scontrol show job` (multi-line form: one field per line when set), or null.</summary>
    public static string? Read(string showJob) => showJob.Split('\n')
        .Select(line => line.Trim())
        .FirstOrDefault(line => line.StartsWith("AdminComment=", StringComparison.Ordinal))?["AdminComment=".Length..];

    /// <summary>Adds the entry to the job's AdminComment; null when done, else why not (the caller reports it).</summary>
    public static async Task<string?> RecordAsync(ICommandRunner slurm, uint jobId, string resource, AccountingRowView used, CancellationToken cancellationToken)
    {
        var job = jobId.ToString(CultureInfo.InvariantCulture);
        var shown = await slurm.RunAsync("scontrol", ["show", "job", job], Timeout, cancellationToken).ConfigureAwait(false);
        if (!shown.Succeeded) return shown.Describe("scontrol show job");
        var comment = Merge(Read(shown.Stdout), resource, Entry(resource, used));
        var updated = await slurm.RunAsync("scontrol", ["update", $"JobId={job}", $"AdminComment={comment}"], Timeout, cancellationToken).ConfigureAwait(false);
        return updated.Succeeded ? null : updated.Describe("scontrol update");
    }
}
