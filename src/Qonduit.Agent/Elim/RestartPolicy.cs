namespace Qonduit.Agent.Elim;

/// <summary>How a reporter's run ended: it exited (with its code), or it was killed for stalling mid-line.</summary>
/// <param name="Ran">From its start to its end.</param>
public sealed record ReporterEnd(int? ExitCode, bool Blocked, TimeSpan Ran);

/// <summary>What follows a reporter's end. <see cref="Delay"/> is how long to wait before the restart.</summary>
public sealed record RestartDecision(bool Restart, TimeSpan Delay, int ConsecutiveRestarts, string Why);

/// <summary>
/// LSF's ELIM rules (docs/orchestration.md §1 "Reporters"): a reporter that stalls <see cref="BlockTime"/> in the middle
/// of a line is killed and restarted at once; one that exits is restarted no sooner than <see cref="RestartWindow"/> after
/// its previous start; exit code 97 means "do not restart"; after <see cref="MaxRestarts"/> restarts in a row it is given
/// up. A run that lasted a whole window is healthy: the count starts again, so a reporter that fails once a day is not
/// given up after a week. Pure: the supervisor measures, this decides.
/// </summary>
public sealed record RestartPolicy
{
    /// <summary>LSF ELIM: exiting with this code asks never to be restarted.</summary>
    public const int DoNotRestartExitCode = 97;

    /// <summary>Restarts in a row (each after a run shorter than a window) before a reporter is given up.</summary>
    public const int DefaultMaxRestarts = 5;

    public static readonly TimeSpan DefaultBlockTime = TimeSpan.FromSeconds(4);

    public static readonly TimeSpan DefaultRestartWindow = TimeSpan.FromSeconds(90);

    public TimeSpan BlockTime { get; init; } = DefaultBlockTime;

    public TimeSpan RestartWindow { get; init; } = DefaultRestartWindow;

    public int MaxRestarts { get; init; } = DefaultMaxRestarts;

    public RestartDecision After(ReporterEnd end, int consecutiveRestarts)
    {
        ArgumentNullException.ThrowIfNull(end);
        if (!end.Blocked && end.ExitCode == DoNotRestartExitCode)
            return new RestartDecision(false, TimeSpan.Zero, consecutiveRestarts, $"it exited with {DoNotRestartExitCode} (do not restart)");
        var count = end.Ran >= RestartWindow ? 0 : consecutiveRestarts;
        if (count >= MaxRestarts)
            return new RestartDecision(false, TimeSpan.Zero, count, $"given up after {count} restarts in a row");
        var delay = end.Blocked || end.Ran >= RestartWindow ? TimeSpan.Zero : RestartWindow - end.Ran;
        return new RestartDecision(true, delay, count + 1, end.Blocked ? "it stalled in the middle of a line" : $"it exited with {end.ExitCode}");
    }
}
