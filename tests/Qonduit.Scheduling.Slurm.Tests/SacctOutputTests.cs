using Qonduit.Agent.Scheduling;

namespace Qonduit.Scheduling.Slurm.Tests;

public sealed class SacctOutputTests
{
    // The shape `sacct --parsable2 --format=JobID,State,ExitCode,Reason,Elapsed --allocations` prints (Slurm documentation).
    [Theory]
    [InlineData("41|COMPLETED|0:0|None|00:00:03", JobEndState.Completed)]
    [InlineData("41|FAILED|2:0|NonZeroExitCode|00:00:01", JobEndState.Failed)]
    [InlineData("41|CANCELLED by 0|0:15|None|00:00:07", JobEndState.Cancelled)]
    [InlineData("41|TIMEOUT|0:0|TimeLimit|00:01:04", JobEndState.TimedOut)]
    [InlineData("41|OUT_OF_MEMORY|0:125|None|00:00:09", JobEndState.OutOfMemory)]
    public void The_allocation_line_gives_the_terminal_state(string line, JobEndState expected)
    {
        var parsed = SacctOutput.Parse(line + "\n", "41");
        Assert.Equal(expected, parsed?.Termination()?.State);
    }

    [Fact]
    public void A_running_job_has_not_ended_and_an_absent_job_has_no_line()
    {
        Assert.Null(SacctOutput.Parse("41|RUNNING|0:0|None|00:00:02\n", "41")?.Termination());
        Assert.Null(SacctOutput.Parse("", "41"));
    }
}
