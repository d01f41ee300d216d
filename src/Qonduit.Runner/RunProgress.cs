using System.Diagnostics;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Runner;

/// <summary>
/// Keeps progress.json current while the runner works. Within a phase it writes at most every <see cref="Interval"/>
/// (and at the phase's last step), so a run of a million trajectories costs a few small files a second, not one per
/// trajectory. The estimate of the time left is the phase's pace so far; none before the first step.
/// </summary>
internal sealed class RunProgress(string runDirectory)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private ProgressPhase _phase;
    private long _total;
    private string _unit = "";
    private long _phaseStarted;
    private long _lastWrite;

    public void Begin(ProgressPhase phase, long total, string unit)
    {
        (_phase, _total, _unit) = (phase, total, unit);
        _phaseStarted = Stopwatch.GetTimestamp();
        Write(0, null);
    }

    public void Advance(long done)
    {
        if (done < _total && Stopwatch.GetElapsedTime(_lastWrite) < Interval) return;
        var elapsed = Stopwatch.GetElapsedTime(_phaseStarted).TotalSeconds;
        Write(done, done == 0 ? null : elapsed / done * (_total - done));
    }

    private void Write(long done, double? etaSeconds)
    {
        _lastWrite = Stopwatch.GetTimestamp();
        try
        {
            ProgressFile.Write(runDirectory, new TaskProgress(_phase, Math.Min(done, _total), _total, _unit, etaSeconds));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Progress is advisory: a directory that refuses it must not fail the run, whose result is what counts.
        }
    }
}
