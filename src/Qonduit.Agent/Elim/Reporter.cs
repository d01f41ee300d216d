using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Qonduit.Placement.Elim;

namespace Qonduit.Agent.Elim;

/// <summary>Where a reporter is in its life.</summary>
public enum ReporterState
{
    NotStarted,

    Running,

    /// <summary>Ended; restarted once its wait (<see cref="RestartPolicy"/>) is over.</summary>
    WaitingToRestart,

    /// <summary>Exited 97 or restarted too often in a row: never started again.</summary>
    GivenUp,

    /// <summary>The agent stopped; the process was killed.</summary>
    Stopped,
}

/// <summary>A reporter's state, how often it was started, and how often it was killed for stalling mid-line.</summary>
public sealed record ReporterStatus(string Command, ReporterState State, int Starts, int Blocked);

/// <summary>
/// Supervises one reporter process: reads its stdout byte by byte into lines (a line longer than
/// <see cref="ElimLine.MaxLength"/> is refused without being held), feeds each to the board, kills the process when it
/// stalls mid-line, and restarts it as <see cref="RestartPolicy"/> decides. The process is killed (with its children)
/// whenever the loop ends.
/// </summary>
internal sealed class Reporter(ReporterSpec spec, ReporterValues board, RestartPolicy policy, TimeProvider time, ILogger logger)
{
    private readonly string _command = spec.Command!;
    private volatile ReporterStatus _status = new(spec.Command!, ReporterState.NotStarted, 0, 0);

    public ReporterStatus Status => _status;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var consecutive = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            var end = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
            if (end is null) break;
            if (end.Blocked) _status = _status with { Blocked = _status.Blocked + 1 };
            var decision = policy.After(end with { Ran = time.GetElapsedTime(started) }, consecutive);
            if (!decision.Restart)
            {
                logger.ReporterGivenUp(_command, decision.Why);
                _status = _status with { State = ReporterState.GivenUp };
                return;
            }
            consecutive = decision.ConsecutiveRestarts;
            logger.ReporterRestarting(_command, decision.Why, decision.Delay.TotalSeconds);
            _status = _status with { State = ReporterState.WaitingToRestart };
            try
            {
                await Task.Delay(decision.Delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _status = _status with { State = ReporterState.Stopped };
    }

    /// <returns>How the run ended, or null when the agent is stopping.</returns>
    private async Task<ReporterEnd?> RunOnceAsync(CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo() };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            // The file went away or lost its mode since start-up: a crash as far as restarts go.
            logger.ReporterStartFailed(_command, e.Message);
            return new ReporterEnd(null, false, TimeSpan.Zero);
        }
        _status = _status with { State = ReporterState.Running, Starts = _status.Starts + 1 };
        logger.ReporterStarted(_command, process.Id, _status.Starts);
        // The reporter reads nothing; a closed stdin tells one that tries.
        process.StandardInput.Close();
        try
        {
            if (!await PumpAsync(process.StandardOutput.BaseStream, cancellationToken).ConfigureAwait(false))
            {
                logger.ReporterBlocked(_command, policy.BlockTime.TotalSeconds);
                return new ReporterEnd(null, true, TimeSpan.Zero);
            }
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new ReporterEnd(process.ExitCode, false, TimeSpan.Zero);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            Kill(process);
        }
    }

    /// <returns>False when the reporter stalled mid-line for the block time; true at the end of its output.</returns>
    private async Task<bool> PumpAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var line = new List<byte>();
        var overLong = false;
        while (true)
        {
            var read = output.ReadAsync(buffer, cancellationToken).AsTask();
            int count;
            if (line.Count == 0 && !overLong) count = await read.ConfigureAwait(false);
            else
            {
                try
                {
                    count = await read.WaitAsync(policy.BlockTime, time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // The read ends when the process is killed; its outcome no longer matters.
                    _ = read.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    return false;
                }
            }
            if (count == 0) return true;
            foreach (var b in buffer.AsSpan(0, count))
            {
                if (b == (byte)'\n')
                {
                    // An over-long line was not kept; a stand-in of its length has the intake refuse and count it as one.
                    Accept(overLong ? new string('x', ElimLine.MaxLength + 1) : Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(line)));
                    line.Clear();
                    overLong = false;
                }
                else if (overLong) continue;
                else if (line.Count >= ElimLine.MaxLength)
                {
                    line.Clear();
                    overLong = true;
                }
                else line.Add(b);
            }
        }
    }

    private void Accept(string line)
    {
        var parse = board.Accept(line, spec.Resource);
        if (parse.Rejection is { } rejection) logger.LineRefused(_command, rejection.ToString(), parse.Reason ?? "");
    }

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(_command)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in spec.Args ?? []) info.ArgumentList.Add(arg);
        return info;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }
}
