using Qonduit.Agent.Scheduling;
using Qonduit.Scheduling.Local;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Scheduling.Local.Tests;

public sealed class LocalProcessSchedulerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-local-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A stand-in runner: the adapter appends `runner &lt;dir&gt;`, which the script sees as $1 $2.</summary>
    private static LocalProcessScheduler With(string script, int maxConcurrent = 4) =>
        new(new LocalSchedulerOptions { RunnerCommand = ["sh", "-c", script, "fake-runner"], MaxConcurrent = maxConcurrent });

    private static async Task<JobTermination> Ended(IScheduler scheduler, JobRef job)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await scheduler.ObserveActiveAsync([job], patience.Token)).Contains(job.JobId))
            await Task.Delay(20, patience.Token);
        return await scheduler.QueryTerminalAsync(job, patience.Token) ?? throw new InvalidOperationException("ended but no terminal state");
    }

    private async Task<JobRef> Submit(IScheduler scheduler)
    {
        var outcome = await scheduler.SubmitAsync(_dir, CancellationToken.None);
        return new JobRef(Assert.IsType<SubmitOutcome.Accepted>(outcome).JobId, _dir);
    }

    [Fact]
    public async Task The_runner_runs_in_the_run_directory_with_runner_and_the_directory_as_arguments()
    {
        var scheduler = With("echo \"$1 $2\" > args.txt");
        var end = await Ended(scheduler, await Submit(scheduler));

        Assert.Equal(JobEndState.Completed, end.State);
        Assert.Equal($"runner {_dir}", File.ReadAllText(Path.Combine(_dir, "args.txt")).Trim());
    }

    [Fact]
    public async Task A_non_zero_exit_is_a_failure_with_its_exit_code()
    {
        var scheduler = With("exit 3");
        var end = await Ended(scheduler, await Submit(scheduler));
        Assert.Equal((JobEndState.Failed, 3), (end.State, end.ExitCode));
    }

    [Fact]
    public async Task A_runner_killed_by_a_signal_is_a_failure_with_that_signal()
    {
        var scheduler = With("kill -9 $$");
        var end = await Ended(scheduler, await Submit(scheduler));
        Assert.Equal((JobEndState.Failed, 9), (end.State, end.Signal));
    }

    [Fact]
    public async Task A_cancelled_job_stops_and_reads_as_cancelled()
    {
        var scheduler = With("sleep 60");
        var job = await Submit(scheduler);
        Assert.Contains(job.JobId, await scheduler.ObserveActiveAsync([job], CancellationToken.None));

        await scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
    }

    [Fact]
    public async Task Cancel_sends_SIGTERM_first_so_the_runner_stops_by_itself_and_its_own_exit_status_is_recorded()
    {
        var scheduler = With("trap 'touch got-term; exit 3' TERM; touch started; sleep 60 & wait");
        var job = await Submit(scheduler);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), "the runner's start");

        await scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
        Assert.True(File.Exists(Path.Combine(_dir, "got-term")));
        Assert.Equal("3", File.ReadAllText(Path.Combine(_dir, LocalProcessScheduler.ExitFile)).Trim());
    }

    [Fact]
    public async Task A_runner_that_ignores_SIGTERM_is_killed_after_the_grace_and_holds_its_slot_until_then()
    {
        var scheduler = With("trap '' TERM; touch started; sleep 60", maxConcurrent: 1);
        var job = await Submit(scheduler);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), "the runner's start");

        await scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Contains(job.JobId, await scheduler.ObserveActiveAsync([job], CancellationToken.None));
        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
    }

    [Fact]
    public async Task An_interrupt_sends_SIGTERM_to_the_runner_which_stops_by_itself_and_reads_as_interrupted()
    {
        var scheduler = With("trap 'touch got-term; exit 3' TERM; touch started; sleep 60 & wait");
        var job = await Submit(scheduler);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), "the runner's start");

        await scheduler.InterruptAsync(job, CancellationToken.None);

        var end = await Ended(scheduler, job);
        Assert.Equal((JobEndState.Cancelled, 3), (end.State, end.ExitCode));
        Assert.Contains("interrupted", end.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "got-term")));
    }

    [Fact]
    public async Task An_interrupted_runner_that_finishes_its_work_and_exits_0_completed()
    {
        var scheduler = With("trap 'echo saved > checkpoint; exit 0' TERM; touch started; sleep 60 & wait");
        var job = await Submit(scheduler);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), "the runner's start");

        await scheduler.InterruptAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Completed, (await Ended(scheduler, job)).State);
        Assert.Equal("saved", File.ReadAllText(Path.Combine(_dir, "checkpoint")).Trim());
    }

    [Fact]
    public async Task Interrupting_a_job_that_already_ended_changes_nothing()
    {
        var scheduler = With("exit 3");
        var job = await Submit(scheduler);
        await Ended(scheduler, job);

        await scheduler.InterruptAsync(job, CancellationToken.None);

        var end = (await scheduler.QueryTerminalAsync(job, CancellationToken.None))!;
        Assert.Equal((JobEndState.Failed, 3), (end.State, end.ExitCode));
        Assert.False(File.Exists(Path.Combine(_dir, LocalProcessScheduler.InterruptedFile)));
    }

    [Fact]
    public async Task A_job_id_keeps_naming_the_job_for_an_adapter_that_did_not_start_it()
    {
        var job = await Submit(With("sleep 60"));
        var afterRestart = With("true");

        Assert.Contains(job.JobId, await afterRestart.ObserveActiveAsync([job], CancellationToken.None));
        await afterRestart.CancelAsync(job, CancellationToken.None);
        Assert.Equal(JobEndState.Cancelled, (await Ended(afterRestart, job)).State);
    }

    [Fact]
    public async Task A_job_whose_process_vanished_without_an_exit_status_is_lost()
    {
        var scheduler = With("true");
        var gone = new ProcessIdentity(int.MaxValue - 1, 1).JobId;
        Assert.Empty(await scheduler.ObserveActiveAsync([new JobRef(gone, _dir)], CancellationToken.None));
        Assert.Equal(JobEndState.Lost, (await scheduler.QueryTerminalAsync(new JobRef(gone, _dir), CancellationToken.None))?.State);
    }

    [Fact]
    public async Task Beyond_the_concurrency_limit_a_submit_waits_for_a_running_job_to_end()
    {
        var clock = new HeldClock();
        var scheduler = new LocalProcessScheduler(new LocalSchedulerOptions { RunnerCommand = ["sh", "-c", "touch started; sleep 60", "fake-runner"], MaxConcurrent = 1 }, clock);
        var first = await Submit(scheduler);
        // A submit that did not wait would start its process and complete synchronously; this one waits for a slot.
        var second = scheduler.SubmitAsync(_dir, CancellationToken.None);
        Assert.False(second.IsCompleted);

        // A SIGTERM that lands before the runner exists is caught by the wrapper alone, leaving the runner to the SIGKILL
        // after the grace, a timer this held clock never fires: cancel what has started.
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(_dir, "started")), "the runner's start");
        await scheduler.CancelAsync(first, CancellationToken.None);
        await Ended(scheduler, first);
        clock.Fire();
        var outcome = await second.WaitAsync(TimeSpan.FromSeconds(30));
        await scheduler.CancelAsync(new JobRef(Assert.IsType<SubmitOutcome.Accepted>(outcome).JobId, _dir), CancellationToken.None);
    }

    /// <summary>A clock whose timers fire only when the test says so: the adapter's capacity re-check happens on <see cref="Fire"/>.</summary>
    private sealed class HeldClock : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_timers) _timers.Add((callback, state));
            return new Held();
        }

        public void Fire()
        {
            List<(TimerCallback Callback, object? State)> due;
            lock (_timers)
            {
                due = [.. _timers];
                _timers.Clear();
            }
            foreach (var (callback, state) in due) callback(state);
        }

        private sealed class Held : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
