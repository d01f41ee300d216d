using Qonduit.Contracts.Leases;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>
/// `sbatch --qpu=NAME` without `--time` on the cluster's partition (MaxTime=INFINITE): the job has no time limit,
/// so its lease is one of a short TTL that the plugin's helper renews every TTL/3 while the job runs.
/// </summary>
[Collection(SpankCollection.Name)]
public sealed class UnlimitedJobTests(SpankFixture fixture) : IAsyncLifetime
{
    private const string Dir = SpankFixture.WorkDir;
    private const int Ttl = 6;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SlurmCluster.CancelUnfinishedAsync();

    [Fact]
    public async Task A_job_without_a_time_limit_keeps_its_lease_renewed_past_one_ttl_and_releases_it_at_its_end()
    {
        var go = Path.Combine(Dir, $"go-{Guid.NewGuid():n}");
        var job = SlurmCluster.Submit(Dir, $$"""
            echo "timeout=${vqpu_QRMI_JOB_TIMEOUT_SECONDS:-none}"
            while [ ! -e {{go}} ]; do sleep 0.2; done
            """, "--qpu=vqpu", $"--qpu-lease-ttl={Ttl}");
        Assert.Equal("UNLIMITED", SlurmCluster.Job(job)["TimeLimit"]);
        var leaseId = await HeldLeaseAsync(job);

        // Held for two TTLs: without renewals it would have expired after the first.
        var lease = await fixture.ServerLeaseAsync(leaseId);
        Assert.Equal(Ttl, lease.TtlSeconds);
        while (DateTimeOffset.UtcNow < lease.AcquiredAt.AddSeconds(2 * Ttl))
        {
            Assert.Equal(LeaseState.Active, (await fixture.ServerLeaseAsync(leaseId)).State);
            await Task.Delay(250);
        }
        lease = await fixture.ServerLeaseAsync(leaseId);
        Assert.Equal(LeaseState.Active, lease.State);
        Assert.True(lease.ExpiresAt > lease.AcquiredAt.AddSeconds(2 * Ttl), $"acquired {lease.AcquiredAt:O}, expires {lease.ExpiresAt:O}");

        await File.WriteAllTextAsync(go, "");
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));
        Assert.Equal(LeaseState.Released, (await fixture.ServerLeaseAsync(leaseId)).State);
        Assert.Equal(0, (await fixture.ServerLeasesAsync()).LanesInUse);
        Assert.Contains("timeout=none\n", SlurmCluster.Output(Dir, job), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_killed_without_its_exit_hook_frees_the_lane_within_one_ttl()
    {
        var pidFile = Path.Combine(Dir, $"pid-{Guid.NewGuid():n}");
        var job = SlurmCluster.Submit(Dir, $"echo $$ > {pidFile}\nsleep 300\n", "--qpu=vqpu", $"--qpu-lease-ttl={Ttl}");
        var leaseId = await HeldLeaseAsync(job);
        try
        {
            // The renewer is a fork of the job's slurmstepd, so it carries the same title; slurmstepd is the older.
            var title = $@"^slurmstepd: \[{job}\.batch\]";
            var stepd = SlurmCluster.Run("pgrep", "-o", "-f", title).Trim();
            var renewer = "";
            await Eventually(() => Task.FromResult(File.Exists(pidFile)
                && SlurmCluster.TryRun("pgrep", ["-P", stepd, "-f", title], out renewer, out _)), TimeSpan.FromSeconds(10));
            renewer = renewer.Trim();

            // SIGKILL to slurmstepd: no slurm_spank_exit, no release; the renewer dies with it.
            SlurmCluster.Run("kill", "-KILL", stepd);
            var killedAt = DateTimeOffset.UtcNow;
            await Eventually(() => Task.FromResult(!Directory.Exists($"/proc/{renewer}")), TimeSpan.FromSeconds(5));
            await Eventually(async () => (await fixture.ServerLeasesAsync()).LanesInUse == 0, TimeSpan.FromSeconds(Ttl + 5));
            var lease = await fixture.ServerLeaseAsync(leaseId);
            Assert.Equal(LeaseState.Expired, lease.State);
            // A renewal already running when slurmstepd died may have moved the end by one TTL from then, no more.
            Assert.True(lease.ExpiresAt <= killedAt.AddSeconds(Ttl + 3), $"killed {killedAt:O}, expired {lease.ExpiresAt:O}");
        }
        finally
        {
            // The job script outlives its slurmstepd: end it (and its sleep) by id, then let Slurm close the job.
            if (File.Exists(pidFile) && (await File.ReadAllTextAsync(pidFile)).Trim() is { Length: > 0 } script)
            {
                SlurmCluster.TryRun("pkill", ["-KILL", "-P", script], out _, out _);
                SlurmCluster.TryRun("kill", ["-KILL", script], out _, out _);
            }
            SlurmCluster.TryRun("scancel", [job], out _, out _);
            await SlurmCluster.WaitForEndAsync(job);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("604801")]
    [InlineData("ten")]
    public void Sbatch_refuses_a_lease_ttl_out_of_range(string ttl)
    {
        var script = Path.Combine(Dir, "never.sh");
        File.WriteAllText(script, "#!/bin/bash\necho never\n");
        Assert.False(SlurmCluster.TryRun("sbatch", ["--parsable", "--qpu=vqpu", $"--qpu-lease-ttl={ttl}", script], out var output, out var error), output);
        Assert.Contains("--qpu-lease-ttl", error, StringComparison.Ordinal);
    }

    private async Task<Guid> HeldLeaseAsync(string job)
    {
        await SlurmCluster.WaitUntilAsync(job, s => s == "RUNNING", TimeSpan.FromSeconds(60));
        await Eventually(async () => (await fixture.ServerLeasesAsync()).Leases.Any(l => l.Holder == $"slurm:job:{job}"), TimeSpan.FromSeconds(30));
        return (await fixture.ServerLeasesAsync()).Leases.Single(l => l.Holder == $"slurm:job:{job}").LeaseId;
    }

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan bound)
    {
        var deadline = DateTimeOffset.UtcNow + bound;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail($"the condition did not become true within {bound.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }
}
