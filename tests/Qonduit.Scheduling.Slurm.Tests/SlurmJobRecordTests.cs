using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm.Tests;

public sealed class SlurmJobRecordTests
{
    private static SlurmJobRecord Captured(string name) =>
        SlurmJobRecord.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", name)));

    [Fact]
    public void Values_holding_equals_signs_and_keys_with_slashes_parse_whole()
    {
        var job = Captured("scontrol-completed.txt");
        Assert.Equal("cpu=1,mem=1G,node=1,billing=1", job.Fields["TRES"]);
        Assert.Equal("1", job.Fields["CPUs/Task"]);
        Assert.Equal("localhost:6382", job.Fields["AllocNode:Sid"]);
        Assert.Equal("", job.Fields["Power"]);
    }

    [Fact]
    public void A_completed_job_ends_completed_with_exit_code_0()
    {
        var end = Captured("scontrol-completed.txt").Termination();
        Assert.Equal(JobEndState.Completed, end?.State);
        Assert.Equal(0, end?.ExitCode);
    }

    [Fact]
    public void A_job_that_exited_3_failed_with_exit_code_3()
    {
        var end = Captured("scontrol-failed-exit3.txt").Termination();
        Assert.Equal(JobEndState.Failed, end?.State);
        Assert.Equal(3, end?.ExitCode);
        Assert.Equal(0, end?.Signal);
    }

    [Fact]
    public void A_job_killed_by_signal_9_failed_with_signal_9()
    {
        var end = Captured("scontrol-failed-signal9.txt").Termination();
        Assert.Equal(JobEndState.Failed, end?.State);
        Assert.Equal(9, end?.Signal);
    }

    [Fact]
    public void A_job_over_its_time_limit_timed_out()
    {
        var end = Captured("scontrol-timeout.txt").Termination();
        Assert.Equal(JobEndState.TimedOut, end?.State);
        Assert.Contains("TimeLimit", end?.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scontrol-cancelled-running.txt", false)]
    [InlineData("scontrol-cancelled-pending-resources.txt", true)]
    [InlineData("scontrol-cancelled-pending-begintime.txt", true)]
    public void A_cancelled_job_is_cancelled_and_says_whether_it_had_started(string file, bool beforeStart)
    {
        var end = Captured(file).Termination();
        Assert.Equal(JobEndState.Cancelled, end?.State);
        Assert.Equal(beforeStart, end!.Reason!.Contains("before it started", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("scontrol-pending.txt")]
    [InlineData("scontrol-running.txt")]
    public void A_queued_or_running_job_has_not_ended(string file) => Assert.Null(Captured(file).Termination());

    [Theory]
    [InlineData("OUT_OF_MEMORY", JobEndState.OutOfMemory)]
    [InlineData("NODE_FAIL", JobEndState.Lost)]
    [InlineData("BOOT_FAIL", JobEndState.Lost)]
    [InlineData("PREEMPTED", JobEndState.Cancelled)]
    [InlineData("DEADLINE", JobEndState.TimedOut)]
    public void Other_terminal_states_map_onto_the_port(string state, JobEndState expected) =>
        Assert.Equal(expected, SlurmStates.ToTermination(state, 0, 0, null, neverStarted: false)?.State);
}
