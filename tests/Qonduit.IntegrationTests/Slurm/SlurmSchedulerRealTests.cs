using Qonduit.Agent.Scheduling;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.IntegrationTests.Slurm;

/// <summary>The Slurm adapter against the real sbatch/squeue/scontrol/scancel of the local cluster.</summary>
[Collection(RealSlurmCollection.Name)]
public sealed class SlurmSchedulerRealTests
{
    /// <summary>A stand-in runner: the job execs `sh -c SCRIPT job runner DIR`.</summary>
    private static SlurmScheduler With(string script, string? timeLimit = null, string? partition = null, string[]? directives = null) =>
        new(new SlurmOptions { RunnerCommand = ["sh", "-c", script, "job"], TimeLimit = timeLimit, Partition = partition, ExtraDirectives = directives ?? [] });

    private static async Task<JobRef> Submit(IScheduler scheduler, string dir)
    {
        var outcome = await scheduler.SubmitAsync(dir, CancellationToken.None);
        return new JobRef(Assert.IsType<SubmitOutcome.Accepted>(outcome).JobId, dir);
    }

    internal static async Task<JobTermination> Ended(IScheduler scheduler, JobRef job, int timeoutSeconds = 120)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while ((await scheduler.ObserveActiveAsync([job], patience.Token)).Contains(job.JobId))
            await Task.Delay(200, patience.Token);
        while (true)
        {
            if (await scheduler.QueryTerminalAsync(job, patience.Token) is { } end) return end;
            await Task.Delay(200, patience.Token);
        }
    }

    private static async Task WaitUntilActive(IScheduler scheduler, JobRef job, string dir, string marker)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(Path.Combine(dir, marker))) await Task.Delay(100, patience.Token);
        Assert.Contains(job.JobId, await scheduler.ObserveActiveAsync([job], CancellationToken.None));
    }

    [Fact]
    public async Task A_job_that_exits_0_runs_in_its_run_directory_and_completes()
    {
        var dir = RealSlurm.NewDirectory();
        var scheduler = With("echo \"$1 $2\" > args.txt");
        var end = await Ended(scheduler, await Submit(scheduler, dir));

        Assert.Equal((JobEndState.Completed, 0), (end.State, end.ExitCode));
        Assert.Equal($"runner {dir}", File.ReadAllText(Path.Combine(dir, "args.txt")).Trim());
        Assert.True(File.Exists(Path.Combine(dir, SbatchScript.FileName)));
    }

    [Fact]
    public async Task A_job_that_exits_3_failed_with_exit_code_3()
    {
        var scheduler = With("exit 3");
        var end = await Ended(scheduler, await Submit(scheduler, RealSlurm.NewDirectory()));
        Assert.Equal((JobEndState.Failed, 3), (end.State, end.ExitCode));
    }

    [Fact]
    public async Task A_job_killed_by_a_signal_failed_with_that_signal()
    {
        var scheduler = With("kill -9 $$");
        var end = await Ended(scheduler, await Submit(scheduler, RealSlurm.NewDirectory()));
        Assert.Equal((JobEndState.Failed, 9), (end.State, end.Signal));
    }

    [Fact]
    public async Task Cancel_stops_a_running_job_which_then_reads_cancelled()
    {
        var dir = RealSlurm.NewDirectory();
        var scheduler = With("touch started; sleep 300");
        var job = await Submit(scheduler, dir);
        await WaitUntilActive(scheduler, job, dir, "started");

        await scheduler.CancelAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
    }

    [Fact]
    public async Task A_scancel_from_outside_reads_cancelled()
    {
        var dir = RealSlurm.NewDirectory();
        var scheduler = With("touch started; sleep 300");
        var job = await Submit(scheduler, dir);
        await WaitUntilActive(scheduler, job, dir, "started");

        Assert.Equal(0, RealSlurm.Run("scancel", job.JobId).ExitCode);

        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
    }

    [Fact]
    public async Task An_interrupt_reaches_the_runner_in_the_batch_step_as_SIGTERM_and_the_job_ends_as_the_runner_exits()
    {
        var dir = RealSlurm.NewDirectory();
        var scheduler = With("trap 'touch got-term; exit 3' TERM; touch started; sleep 300 & wait");
        var job = await Submit(scheduler, dir);
        await WaitUntilActive(scheduler, job, dir, "started");

        await scheduler.InterruptAsync(job, CancellationToken.None);

        var end = await Ended(scheduler, job);
        Assert.Equal((JobEndState.Failed, 3), (end.State, end.ExitCode));
        Assert.True(File.Exists(Path.Combine(dir, "got-term")));
    }

    [Fact]
    public async Task An_interrupted_job_still_pending_is_cancelled()
    {
        var scheduler = With("touch started", directives: ["--begin=now+3600"]);
        var dir = RealSlurm.NewDirectory();
        var job = await Submit(scheduler, dir);

        await scheduler.InterruptAsync(job, CancellationToken.None);

        Assert.Equal(JobEndState.Cancelled, (await Ended(scheduler, job)).State);
        Assert.False(File.Exists(Path.Combine(dir, "started")));
    }

    [Fact]
    public async Task A_job_over_its_time_limit_timed_out()
    {
        var scheduler = With("sleep 600", timeLimit: "1");
        var end = await Ended(scheduler, await Submit(scheduler, RealSlurm.NewDirectory()), timeoutSeconds: 240);
        Assert.Equal(JobEndState.TimedOut, end.State);
    }

    [Fact]
    public async Task A_submit_to_a_partition_that_does_not_exist_is_refused_with_sbatchs_reason()
    {
        var outcome = await With("true", partition: "no-such-partition").SubmitAsync(RealSlurm.NewDirectory(), CancellationToken.None);
        Assert.Contains("partition", Assert.IsType<SubmitOutcome.Refused>(outcome).Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_job_id_slurm_never_issued_is_lost_and_not_active()
    {
        var scheduler = With("true");
        var job = new JobRef("987654321", RealSlurm.NewDirectory());
        Assert.Empty(await scheduler.ObserveActiveAsync([job], CancellationToken.None));
        Assert.Equal(JobEndState.Lost, (await scheduler.QueryTerminalAsync(job, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task One_observation_covers_many_jobs()
    {
        var scheduler = With("sleep 2");
        var jobs = new List<JobRef>();
        for (var i = 0; i < 3; i++) jobs.Add(await Submit(scheduler, RealSlurm.NewDirectory()));

        Assert.NotEmpty(await scheduler.ObserveActiveAsync(jobs, CancellationToken.None));
        foreach (var job in jobs) Assert.Equal(JobEndState.Completed, (await Ended(scheduler, job)).State);
    }
}
