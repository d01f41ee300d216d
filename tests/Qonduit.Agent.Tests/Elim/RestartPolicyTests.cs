using Qonduit.Agent.Elim;

namespace Qonduit.Agent.Tests.Elim;

public sealed class RestartPolicyTests
{
    private static readonly RestartPolicy Lsf = new();

    [Fact]
    public void The_defaults_are_LSF_s_four_second_block_time_and_ninety_second_restart_window_with_five_restarts_in_a_row()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), Lsf.BlockTime);
        Assert.Equal(TimeSpan.FromSeconds(90), Lsf.RestartWindow);
        Assert.Equal(5, Lsf.MaxRestarts);
    }

    [Fact]
    public void A_reporter_that_exits_is_restarted_ninety_seconds_after_its_previous_start()
    {
        var decision = Lsf.After(new ReporterEnd(1, false, TimeSpan.FromSeconds(10)), 0);

        Assert.True(decision.Restart);
        Assert.Equal(TimeSpan.FromSeconds(80), decision.Delay);
        Assert.Equal(1, decision.ConsecutiveRestarts);
    }

    [Fact]
    public void A_reporter_killed_for_stalling_is_restarted_at_once_but_counts_as_a_restart()
    {
        var decision = Lsf.After(new ReporterEnd(null, true, TimeSpan.FromSeconds(5)), 2);

        Assert.Equal((true, TimeSpan.Zero, 3), (decision.Restart, decision.Delay, decision.ConsecutiveRestarts));
    }

    [Fact]
    public void Exit_97_is_never_restarted()
    {
        Assert.False(Lsf.After(new ReporterEnd(97, false, TimeSpan.FromHours(1)), 0).Restart);
    }

    [Fact]
    public void After_the_maximum_restarts_in_a_row_it_is_given_up_but_a_run_of_a_whole_window_starts_the_count_again()
    {
        Assert.False(Lsf.After(new ReporterEnd(1, false, TimeSpan.FromSeconds(1)), 5).Restart);

        var healthy = Lsf.After(new ReporterEnd(1, false, TimeSpan.FromSeconds(90)), 5);

        Assert.Equal((true, TimeSpan.Zero, 1), (healthy.Restart, healthy.Delay, healthy.ConsecutiveRestarts));
    }
}
