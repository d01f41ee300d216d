using System.Diagnostics;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Runner;

/// <summary>
/// Reports how far the runner has got: to a callback when one is given (the in-process runner), else as lines appended
/// to progress.jsonl. Within a phase it reports the first step, at most every <see cref="Interval"/> after that, and the
/// last step, so a run of a million trajectories costs a few small lines a second, not one per trajectory. It makes no
/// estimate: the server does, from the pace it sees (docs/architecture.md "Progress").
/// </summary>
internal sealed class RunProgress(string runDirectory, Action<TaskProgress>? report)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private ProgressPhase _phase;
    private long _total;
    private string _unit = "";
    private long _lastReport;

    public void Begin(ProgressPhase phase, long total, string unit)
    {
        (_phase, _total, _unit) = (phase, total, unit);
        Report(0);
    }

    public void Advance(long done)
    {
        if (done < _total && Stopwatch.GetElapsedTime(_lastReport) < Interval) return;
        Report(done);
    }

    private void Report(long done)
    {
        _lastReport = Stopwatch.GetTimestamp();
        var line = new TaskProgress(_phase, Math.Min(done, _total), _total, _unit, At: DateTimeOffset.UtcNow);
        if (report is not null)
        {
            report(line);
            return;
        }
        try
        {
            ProgressFile.Append(runDirectory, line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Progress is advisory: a directory that refuses it must not fail the run, whose result is what counts.
        }
    }
}
