using System.Diagnostics;
using Qonduit.Agent.Elim;
using Qonduit.Agent.Tests.Fakes;

namespace Qonduit.Agent.Tests.Elim;

/// <summary>Acceptance case 6 with real reporter processes (bash scripts).</summary>
public sealed class ReporterSupervisorTests : IDisposable
{
    private readonly ReporterScripts _scripts = new();
    private readonly ListLogger _log = new();
    private readonly ReporterValues _board = new(TimeProvider.System);
    private readonly CancellationTokenSource _stop = new();

    public ReporterSupervisorTests() => _board.UseCatalog(ReporterScripts.Catalog);

    public void Dispose()
    {
        _stop.Dispose();
        _scripts.Dispose();
    }

    private (ReporterSupervisor Supervisor, Task Run) Start(RestartPolicy policy, params ReporterSpec[] reporters)
    {
        var supervisor = new ReporterSupervisor(reporters, _board, policy, TimeProvider.System, _log);
        return (supervisor, supervisor.RunAsync(_stop.Token));
    }

    private double? CpuLoad() =>
        _board.ValuesFor(["sim"]).GetValueOrDefault("sim")?.GetValueOrDefault("cpu_load")?.Value.GetDouble();

    [Fact]
    public async Task A_reporter_that_stalls_in_the_middle_of_a_line_is_logged_killed_and_restarted_after_the_block_time()
    {
        var script = _scripts.Write("stall", $"{ReporterScripts.RecordStart("stall")}\nprintf '1 cpu_load'\nsleep 60 & echo $! >> \"$DIR/stall.pids\"\nwait");
        var clock = Stopwatch.StartNew();
        var (supervisor, run) = Start(new RestartPolicy(), new ReporterSpec { Command = script });

        await Eventually.TrueAsync(() => _scripts.Starts("stall").Count >= 2, "the restart after the stall");

        Assert.True(clock.Elapsed >= RestartPolicy.DefaultBlockTime, $"restarted after {clock.Elapsed}, before the 4 s block time");
        Assert.Equal(1, supervisor.Statuses[0].Blocked);
        Assert.True(_log.Contains("wrote part of a line and then nothing for 4 s"), string.Join("\n", _log.Messages));
        Assert.Null(CpuLoad());
        // The killed reporter's own child (its sleep) went with it.
        await Eventually.TrueAsync(() => !ReporterScripts.Alive(_scripts.Pids("stall.pids")[0]), "the first run's child to be killed");
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_crash_looping_reporter_is_restarted_at_most_once_per_window_and_given_up_after_the_maximum()
    {
        // A run lasting a whole window counts as healthy and starts the count again: the window must stay well above what
        // a crashing bash takes on a loaded machine (CI saw runs past 300 ms and ten starts instead of six).
        var window = TimeSpan.FromSeconds(1);
        var script = _scripts.Write("crash", $"{ReporterScripts.RecordStart("crash")}\nexit 3");
        var (supervisor, run) = Start(new RestartPolicy { RestartWindow = window }, new ReporterSpec { Command = script });

        await Eventually.TrueAsync(() => supervisor.Statuses[0].State == ReporterState.GivenUp, "the reporter to be given up");

        var starts = _scripts.Starts("crash");
        Assert.Equal(1 + RestartPolicy.DefaultMaxRestarts, starts.Count);
        Assert.Equal(1 + RestartPolicy.DefaultMaxRestarts, supervisor.Statuses[0].Starts);
        // Measured by the scripts themselves; bash's own start-up jitter (a few ms) is the slack.
        foreach (var (earlier, later) in starts.Zip(starts.Skip(1)))
            Assert.True(TimeSpan.FromTicks((later - earlier) / 100) >= window - TimeSpan.FromMilliseconds(50), $"restarted {(later - earlier) / 1e6} ms after the previous start");
        Assert.True(_log.Contains("given up after 5 restarts in a row"), string.Join("\n", _log.Messages));
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_reporter_that_exits_97_is_never_restarted()
    {
        var script = _scripts.Write("done", $"{ReporterScripts.RecordStart("done")}\necho '1 cpu_load 7'\nexit 97");
        var (supervisor, run) = Start(new RestartPolicy { RestartWindow = TimeSpan.FromMilliseconds(10) }, new ReporterSpec { Command = script });

        await Eventually.TrueAsync(() => supervisor.Statuses[0].State == ReporterState.GivenUp, "the reporter to end");

        Assert.Single(_scripts.Starts("done"));
        Assert.Equal(7, CpuLoad());
        Assert.True(_log.Contains("exited with 97 (do not restart)"), string.Join("\n", _log.Messages));
        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Two_reporters_sending_one_name_the_latest_value_wins_whichever_sent_it()
    {
        var first = _scripts.Write("first", "echo '1 cpu_load 1'\nwhile [ ! -e \"$DIR/go-3\" ]; do sleep 0.02; done\necho '1 cpu_load 3'\nexec sleep 60");
        var second = _scripts.Write("second", "while [ ! -e \"$DIR/go-2\" ]; do sleep 0.02; done\necho '1 cpu_load 2'\nexec sleep 60");
        var (_, run) = Start(new RestartPolicy(), new ReporterSpec { Command = first }, new ReporterSpec { Command = second });

        await Eventually.TrueAsync(() => CpuLoad() == 1, "the first reporter's value");
        _scripts.Touch("go-2");
        await Eventually.TrueAsync(() => CpuLoad() == 2, "the second reporter's newer value");
        _scripts.Touch("go-3");
        await Eventually.TrueAsync(() => CpuLoad() == 3, "the first reporter's newer value");

        await _stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task Stopping_kills_every_reporter_and_its_children_before_it_returns()
    {
        var script = _scripts.Write("long", "echo $$ >> \"$DIR/long.pids\"\nsleep 60 & echo $! >> \"$DIR/long.pids\"\necho '1 cpu_load 1'\nwait");
        var (supervisor, run) = Start(new RestartPolicy(), new ReporterSpec { Command = script });
        await Eventually.TrueAsync(() => CpuLoad() == 1 && _scripts.Pids("long.pids").Count == 2, "the reporter to run");

        await _stop.CancelAsync();
        await run;

        Assert.Equal(ReporterState.Stopped, supervisor.Statuses[0].State);
        await Eventually.TrueAsync(() => _scripts.Pids("long.pids").All(pid => !ReporterScripts.Alive(pid)), "the reporter and its child to be gone", seconds: 5);
    }

    [Fact]
    public async Task A_refused_line_is_logged_with_its_reason_and_the_next_good_line_is_taken()
    {
        var script = _scripts.Write("typo", "echo '1 cpu_lod 5'\necho '1 cpu_load 6'\nexec sleep 60");
        var (_, run) = Start(new RestartPolicy(), new ReporterSpec { Command = script });

        await Eventually.TrueAsync(() => CpuLoad() == 6, "the good line");

        Assert.True(_log.Contains("line refused (Undeclared): 'cpu_lod' is not a declared index"), string.Join("\n", _log.Messages));
        await _stop.CancelAsync();
        await run;
    }
}
