using Qonduit.Cli.Slurm;
using Qonduit.Contracts.Accounting;

namespace Qonduit.Cli.Tests.Slurm;

/// <summary>The AdminComment a `--qpu` job gets at its end: one parseable entry per QPU, a site's own notes kept. On the real cluster: AdminCommentTests.</summary>
public sealed class JobAdminCommentTests
{
    [Fact]
    public void An_entry_names_the_resource_and_its_lane_seconds_shots_and_tasks()
    {
        Assert.Equal("qonduit:ibm_fez:lane_seconds=12.346,shots=4096,tasks=3",
            JobAdminComment.Entry("ibm_fez", new AccountingRowView("ibm_fez", 3, 12.3456, 4096, 7, 1.5)));
    }

    [Theory]
    [InlineData(null, "qonduit:a:lane_seconds=1.000,shots=1,tasks=1")]
    [InlineData("site note", "site note;qonduit:a:lane_seconds=1.000,shots=1,tasks=1")]
    [InlineData("qonduit:a:lane_seconds=9.000,shots=9,tasks=9;site note", "site note;qonduit:a:lane_seconds=1.000,shots=1,tasks=1")]
    [InlineData("qonduit:b:lane_seconds=2.000,shots=2,tasks=2", "qonduit:b:lane_seconds=2.000,shots=2,tasks=2;qonduit:a:lane_seconds=1.000,shots=1,tasks=1")]
    [InlineData("qonduit:ab:lane_seconds=2.000,shots=2,tasks=2", "qonduit:ab:lane_seconds=2.000,shots=2,tasks=2;qonduit:a:lane_seconds=1.000,shots=1,tasks=1")]
    public void Merging_replaces_the_resources_own_entry_and_keeps_everything_else(string? current, string merged)
    {
        Assert.Equal(merged, JobAdminComment.Merge(current, "a", "qonduit:a:lane_seconds=1.000,shots=1,tasks=1"));
    }

    [Fact]
    public void The_comment_is_read_from_scontrol_show_job_and_is_null_when_unset()
    {
        // As Slurm 22.05 prints it: one field per line when set, a trailing space after each.
        const string Shown = "JobId=782 JobName=wrap\n   UserId=root(0) GroupId=root(0) MCS_label=N/A\n   AdminComment=site stuff;with space \n   Comment=user note \n";

        Assert.Equal("site stuff;with space", JobAdminComment.Read(Shown));
        Assert.Null(JobAdminComment.Read("JobId=782 JobName=wrap\n   Comment=user note \n"));
    }
}
