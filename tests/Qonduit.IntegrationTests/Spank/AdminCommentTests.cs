using System.Globalization;
using Qonduit.Cli.Slurm;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// A `--qpu` job's AdminComment on the real cluster: at its end the plugin's release writes what each control-plane lease
/// was spent on, and `scontrol show job` shows it after the job has completed (when Slurm no longer takes updates).
/// </summary>
[Collection(SpankCollection.Name)]
public sealed class AdminCommentTests(SpankFixture fixture) : IAsyncLifetime
{
    private const string Dir = SpankFixture.WorkDir;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SlurmCluster.CancelUnfinishedAsync();

    [Fact]
    public async Task A_job_that_used_a_qpu_has_its_lane_seconds_shots_and_tasks_in_its_admin_comment_one_entry_per_qpu()
    {
        var job = SlurmCluster.Submit(Dir, $"""
            set -e
            unset QONDUIT_URL QONDUIT_API_KEY
            {fixture.Qonduit} submit {Dir}/bell.qasm --device ibm_fez --shots 100 --seed 3 --wait
            {fixture.Qonduit} submit {Dir}/bell.qasm --device ibm_fez --shots 60 --seed 4 --wait
            """, "--qpu=ibm_fez,vqpu", "--time=10");
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));

        var comment = JobAdminComment.Read(SlurmCluster.Run("scontrol", "show", "job", job));

        var holder = $"slurm:job:{job}";
        var tasks = new List<System.Text.Json.JsonElement>();
        foreach (var task in (await fixture.ServerTasksAsync("ibm_fez")).EnumerateArray())
        {
            if (task.TryGetProperty("leaseId", out var lease) && lease.GetString() is { } id && (await fixture.ServerLeaseAsync(Guid.Parse(id))).Holder == holder)
                tasks.Add(task);
        }
        Assert.Equal(2, tasks.Count);
        var lane = tasks.Sum(t => t.GetProperty("usage").GetProperty("laneSeconds").GetDouble());
        Assert.True(lane > 0, $"the job's tasks held ibm_fez's lane {lane} s");
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"qonduit:ibm_fez:lane_seconds={lane:0.000},shots=160,tasks=2;qonduit:vqpu:lane_seconds=0.000,shots=0,tasks=0"),
            comment);
    }
}
