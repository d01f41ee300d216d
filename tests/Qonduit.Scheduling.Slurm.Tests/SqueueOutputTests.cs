namespace Qonduit.Scheduling.Slurm.Tests;

public sealed class SqueueOutputTests
{
    [Fact]
    public void Captured_output_lists_each_job_with_its_state()
    {
        var states = SqueueOutput.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Captured", "squeue-running-and-pending.txt")));
        Assert.Equal("RUNNING", states["7"]);
        Assert.Equal("RUNNING", states["8"]);
        Assert.Equal("PENDING", states["9"]);
        Assert.All(states.Values, s => Assert.True(SlurmStates.IsActive(s)));
    }

    [Fact]
    public void Squeue_refusing_unknown_ids_is_recognised()
    {
        var refusal = new CommandResult(1, "", "slurm_load_jobs error: Invalid job id specified\n");
        Assert.True(SqueueOutput.IsInvalidJobId(refusal));
        Assert.False(SqueueOutput.IsInvalidJobId(new CommandResult(1, "", "squeue: error: Unable to contact slurm controller")));
    }
}
