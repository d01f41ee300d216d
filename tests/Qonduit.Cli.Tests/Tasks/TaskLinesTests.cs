using Qonduit.Cli.Tasks;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tests.Tasks;

/// <summary>How `tasks list` and `tasks show` word a queued task's reason and a running task's progress.</summary>
public sealed class TaskLinesTests
{
    private static PendingReason Behind(long ahead) =>
        new("pending.queued-behind", $"{ahead} tasks ahead of it in line5's queue", new Dictionary<string, long> { ["ahead"] = ahead });

    [Fact]
    public void The_list_column_is_the_code_without_its_area_and_the_count_ahead_capped_at_ten_thousand_plus()
    {
        Assert.Equal("queued-behind, 3 ahead", TaskLines.ShortReason(Behind(3)));
        Assert.Equal("queued-behind, 10,000+ ahead", TaskLines.ShortReason(Behind(10_000)));
        Assert.Equal("no-agent", TaskLines.ShortReason(new PendingReason("pending.no-agent", "no live agent serves line5", new Dictionary<string, long>())));
    }

    [Fact]
    public void The_show_line_has_code_ahead_holder_and_message()
    {
        var held = new PendingReason("pending.lease-held", "every lane of line5 is leased", new Dictionary<string, long>()) { Holder = "slurm:job:42" };

        Assert.Equal("waiting [pending.lease-held, held by slurm:job:42]: every lane of line5 is leased", TaskLines.Reason(held));
        Assert.Equal("waiting [pending.queued-behind, 1,234 ahead]: 1234 tasks ahead of it in line5's queue", TaskLines.Reason(Behind(1234)));
    }

    [Fact]
    public void Progress_is_one_line_with_phase_counts_share_and_the_estimate_when_there_is_one()
    {
        Assert.Equal("progress: simulate 12 of 64 trajectories (19%), about 8 s left",
            TaskLines.Progress(new TaskProgress(ProgressPhase.Simulate, 12, 64, "trajectories", 7.2)));
        Assert.Equal("progress: sample 1,024 of 1,024 shots (100%)", TaskLines.Progress(new TaskProgress(ProgressPhase.Sample, 1024, 1024, "shots")));
        Assert.Equal("progress: transpile 0 of 1 circuits (0%), about 3 min left",
            TaskLines.Progress(new TaskProgress(ProgressPhase.Transpile, 0, 1, "circuits", 150)));
    }

    [Fact]
    public void What_an_ended_task_used_is_one_line_leaving_out_what_was_not_measured()
    {
        Assert.Equal("used: 12.500 lane-seconds, 1,000 shots, 8 simulations, 0.750 CPU seconds",
            TaskLines.Usage(new Qonduit.Contracts.Accounting.TaskUsageView(12.5, 1000, 8, 0.75)));
        Assert.Equal("used: 0 shots, 1 simulation", TaskLines.Usage(new Qonduit.Contracts.Accounting.TaskUsageView(null, 0, 1, null)));
    }
}
