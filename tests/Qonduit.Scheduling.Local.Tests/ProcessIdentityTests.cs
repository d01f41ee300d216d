using Qonduit.Scheduling.Local;

namespace Qonduit.Scheduling.Local.Tests;

public sealed class ProcessIdentityTests
{
    [Fact]
    public void A_job_id_round_trips_pid_and_start_time()
    {
        var identity = new ProcessIdentity(4242, 987654321);
        Assert.True(ProcessIdentity.TryParse(identity.JobId, out var parsed));
        Assert.Equal(identity, parsed);
    }

    [Theory]
    [InlineData("4242")]
    [InlineData("local-abc-1")]
    [InlineData("local-1-2-3")]
    [InlineData("slurm-12")]
    public void Other_ids_are_not_local_jobs(string jobId) => Assert.False(ProcessIdentity.TryParse(jobId, out _));

    [Fact]
    public void This_process_is_alive_under_its_identity_but_not_under_another_start_time()
    {
        var me = ProcessIdentity.Of(Environment.ProcessId);
        Assert.NotNull(me);
        Assert.True(me.Value.IsAlive());
        Assert.False((me.Value with { StartTicks = me.Value.StartTicks + 1 }).IsAlive());
    }

    [Fact]
    public void The_stat_line_is_read_after_the_command_name_even_when_it_holds_spaces_and_parentheses()
    {
        var line = "77 (odd (name) x) S 1 77 77 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 5550123 1000 100 18446744073709551615";
        var stat = ProcStat.Parse(line);
        Assert.Equal('S', stat?.State);
        Assert.Equal(5550123, stat?.StartTicks);
    }
}
