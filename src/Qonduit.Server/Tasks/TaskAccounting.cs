namespace Qonduit.Server.Tasks;

/// <summary>What a runner reported using for a completed run (result.json); either may be absent from an older runner.</summary>
public sealed record RunUsage(double? CpuSeconds, int? Simulations);

/// <summary>
/// What a task used, fixed when it ends after a claim (docs/orchestration.md §3 "Accounting"): the seconds it held a QPU lane
/// (claim to end, charged however it ended: a failed or cancelled run held the lane as long), and the CPU seconds and
/// simulations its runner reported with its result. Pure, part of <see cref="TaskAutomaton"/>'s transition.
/// </summary>
public static class TaskAccounting
{
    public const string Qpu = "qpu";

    /// <param name="ended">The record as the terminal transition leaves it; <paramref name="claimedAt"/> when its run began.</param>
    public static TaskRecord Charge(TaskRecord ended, DateTimeOffset claimedAt, RunUsage? usage, DateTimeOffset now) => ended with
    {
        LaneSeconds = ended.ResourceKind == Qpu ? Math.Max(0, (now - claimedAt).TotalSeconds) : null,
        CpuSeconds = usage?.CpuSeconds,
        Simulations = usage?.Simulations,
    };

    /// <summary>Shots a task used: all it asked for once it completed, none otherwise (a failed run's counts are not delivered).</summary>
    public static int ShotsUsed(TaskRecord task) => task.State == TaskState.Completed ? task.Shots : 0;
}
