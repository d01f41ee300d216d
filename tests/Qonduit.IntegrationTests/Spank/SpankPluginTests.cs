using Qonduit.Storage;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Spank;

/// <summary>`sbatch --qpu=NAME` on the real single-node cluster, with the plugin built from native/slurm-spank.</summary>
[Collection(SpankCollection.Name)]
public sealed class SpankPluginTests(SpankFixture fixture) : IAsyncLifetime
{
    private const string Dir = SpankFixture.WorkDir;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SlurmCluster.CancelUnfinishedAsync();

    [Fact]
    public void The_plugin_builds_with_warnings_as_errors_against_libslurm_dev()
    {
        var source = Path.Combine(RepoPaths.Root, "native", "slurm-spank");
        var output = SlurmCluster.Run("make", "-C", source, "-B", "spank_qonduit.so");
        Assert.Contains("-Werror", output, StringComparison.Ordinal);
        Assert.Contains("spank_qonduit.so", fixture.InstallOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_qpu_job_gets_the_variables_and_its_program_samples_through_them()
    {
        var job = SlurmCluster.Submit(Dir, $"""
            env | grep -E '^(QRMI_|SLURM_JOB_QPU_|sim_QRMI_)' | sort
            {fixture.Qonduit} qrmi run {Dir}/bell.qasm --shots 200 --seed 5
            """, "--qpu=sim", "--time=10");
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));
        var output = SlurmCluster.Output(Dir, job);
        Assert.Contains("QRMI_JOB_QPU_RESOURCES=sim\n", output, StringComparison.Ordinal);
        Assert.Contains("QRMI_JOB_QPU_TYPES=local-simulator\n", output, StringComparison.Ordinal);
        Assert.Contains("SLURM_JOB_QPU_RESOURCES=sim\n", output, StringComparison.Ordinal);
        Assert.Contains("SLURM_JOB_QPU_TYPES=local-simulator\n", output, StringComparison.Ordinal);
        Assert.Contains("sim_QRMI_JOB_ACQUISITION_TOKEN=lt_", output, StringComparison.Ordinal);
        Assert.Contains("sim_QRMI_JOB_TIMEOUT_SECONDS=600\n", output, StringComparison.Ordinal);
        Assert.Contains("\"resource\":\"sim\"", output, StringComparison.Ordinal);
        Assert.Contains("\"shots\":200", output, StringComparison.Ordinal);
        Assert.Contains("\"counts\":{", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_on_ibm_fez_submits_with_the_cli_and_samples_with_the_python_client_from_the_injected_environment_alone()
    {
        // No server URL, key or device on any command line, and none inherited from the submitting shell.
        var job = SlurmCluster.Submit(Dir, $$"""
            set -e
            unset QONDUIT_URL QONDUIT_API_KEY
            {{fixture.Qonduit}} submit {{Dir}}/bell.qasm --shots 100 --seed 3 --wait
            PYTHONPATH={{RepoPaths.Root}}/clients/python python3 - <<'PY'
            from qonduit import QonduitService, Sampler
            service = QonduitService.from_job_environment()
            counts = Sampler(service.resources()[0], seed=4).run([open("{{Dir}}/bell.qasm").read()], shots=100).result()[0].data.c.get_counts()
            print("python", service.resources()[0].device, sum(counts.values()), sorted(counts))
            PY
            """, "--qpu=ibm_fez", "--time=10");
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));
        var output = SlurmCluster.Output(Dir, job);
        Assert.Contains("completed on snapshot v", output, StringComparison.Ordinal);
        Assert.Matches(@"\n(00|11)  \d+\n", output);
        Assert.Contains("python ibm_fez 100 [", output, StringComparison.Ordinal);

        // Both tasks ran on ibm_fez and were accounted to the one lease the plugin acquired for the job.
        var tasks = (await fixture.ServerTasksAsync("ibm_fez")).EnumerateArray().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("completed", t.GetProperty("state").GetString()));
        var leases = tasks.Select(t => t.GetProperty("leaseId").GetString()).Distinct().ToList();
        Assert.NotNull(Assert.Single(leases));
        Assert.Equal(0, (await fixture.ServerLeasesAsync("ibm_fez")).LanesInUse);
    }

    [Fact]
    public async Task Attribute_filters_in_a_job_choose_the_right_device_among_three_registered_ones()
    {
        var config = fixture.ConfigPath;
        var job = SlurmCluster.Submit(Dir, $$"""
            set -e
            echo "== big"
            {{fixture.Qonduit}} qrmi list --config {{config}} --filter 'type=qonduit-vqpu&num_qubits>=100&status=online'
            echo "== small"
            {{fixture.Qonduit}} qrmi list --config {{config}} --least-busy --filter 'type=qonduit-vqpu&num_qubits<10'
            token=$({{fixture.Qonduit}} qrmi acquire ibm_fez --config {{config}} --ttl 60)
            echo "== least busy while ibm_fez is leased"
            {{fixture.Qonduit}} qrmi list --config {{config}} --least-busy --filter 'name=ibm_*'
            {{fixture.Qonduit}} qrmi release ibm_fez "$token" --config {{config}}
            """, "--time=5");
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));
        var sections = SlurmCluster.Output(Dir, job).Split("== ")
            .Where(s => s.Length > 0)
            .ToDictionary(s => s[..s.IndexOf('\n', StringComparison.Ordinal)], s => s[(s.IndexOf('\n', StringComparison.Ordinal) + 1)..].Trim());
        var big = sections["big"].Split('\n').Skip(1).Select(line => line.Split(' ')[0]).ToList();
        Assert.Equal(["ibm_fez", "ibm_torino"], big);
        Assert.Equal("vqpu", sections["small"]);
        Assert.Equal("ibm_torino", sections["least busy while ibm_fez is leased"]);
        Assert.Equal(0, (await fixture.ServerLeasesAsync("ibm_fez")).LanesInUse);
    }

    [Fact]
    public async Task The_lease_is_held_while_the_job_runs_and_released_at_its_end()
    {
        var job = SlurmCluster.Submit(Dir, "sleep 4\n", "--qpu=sim", "--time=5");
        // RUNNING is set when Slurm allocates; the lease follows once slurmstepd has run the plugin.
        await SlurmCluster.WaitUntilAsync(job, s => s == "RUNNING", TimeSpan.FromSeconds(60));
        await Eventually(async () => (await fixture.Leases("sim").ActiveAsync()).Count == 1);
        var held = Assert.Single(await fixture.Leases("sim").ActiveAsync());
        Assert.Equal($"slurm:job:{job}", held.Holder);
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(job));
        await Eventually(async () => (await fixture.Leases("sim").ActiveAsync()).Count == 0);
    }

    [Theory]
    [InlineData("sim")]
    [InlineData("vqpu")]
    public async Task Scancel_of_a_running_job_releases_its_lease(string resource)
    {
        var job = SlurmCluster.Submit(Dir, "sleep 120\n", $"--qpu={resource}", "--time=5");
        await SlurmCluster.WaitUntilAsync(job, s => s == "RUNNING", TimeSpan.FromSeconds(60));
        await Eventually(async () => (await fixture.ActiveHoldersAsync(resource)).Contains($"slurm:job:{job}"));
        var held = resource == "vqpu" ? Assert.Single((await fixture.ServerLeasesAsync()).Leases).LeaseId : (Guid?)null;
        SlurmCluster.Run("scancel", job);
        Assert.Equal("CANCELLED", await SlurmCluster.WaitForEndAsync(job));
        await Eventually(async () => (await fixture.ActiveHoldersAsync(resource)).Count == 0);
        // Released by the plugin's exit, long before the 5-minute TTL (the job's time limit) could have ended it.
        if (held is { } leaseId) Assert.Equal(LeaseState.Released, (await fixture.ServerLeaseAsync(leaseId)).State);
    }

    [Fact]
    public async Task An_unknown_qpu_fails_the_job_with_a_message_naming_it_and_the_node_stays_up()
    {
        var job = SlurmCluster.Submit(Dir, "echo should-not-run\n", "--qpu=nonexistent");
        Assert.Equal("FAILED", await SlurmCluster.WaitForEndAsync(job));
        var output = SlurmCluster.Output(Dir, job);
        Assert.Contains("'nonexistent'", output, StringComparison.Ordinal);
        Assert.Contains("not configured", output, StringComparison.Ordinal);
        Assert.DoesNotContain("should-not-run", output, StringComparison.Ordinal);
        Assert.DoesNotContain("drain", SlurmCluster.NodeState(), StringComparison.Ordinal);
        Assert.DoesNotContain("down", SlurmCluster.NodeState(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qpu_licence_makes_a_second_job_wait_until_the_first_releases_the_lane()
    {
        // Asking for every unit of qpu_sim models a device whose one lane the job holds.
        var licence = $"--licenses=qpu_sim:{SlurmCluster.LicenseTotal("qpu_sim")}";
        var first = SlurmCluster.Submit(Dir, "sleep 4\n", "--qpu=sim", licence, "--time=5");
        await SlurmCluster.WaitUntilAsync(first, s => s == "RUNNING", TimeSpan.FromSeconds(60));
        var second = SlurmCluster.Submit(Dir, "date +%s.%N\n", "--qpu=sim", licence, "--time=5");
        // A new job shows Reason=None until the scheduler's next pass names what it waits for.
        await Eventually(() => Task.FromResult(SlurmCluster.Job(second).GetValueOrDefault("Reason") == "Licenses"));
        Assert.Equal("PENDING", SlurmCluster.State(second));
        Assert.Equal("RUNNING", SlurmCluster.State(first));
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(first));
        Assert.Equal("COMPLETED", await SlurmCluster.WaitForEndAsync(second));
        var firstEnd = DateTime.Parse(SlurmCluster.Job(first)["EndTime"]);
        var secondStart = DateTime.Parse(SlurmCluster.Job(second)["StartTime"]);
        Assert.True(secondStart >= firstEnd, $"second started {secondStart:O}, first ended {firstEnd:O}");
    }

    [Fact]
    public async Task A_holder_killed_without_release_loses_the_local_lease_at_its_ttl()
    {
        var token = SlurmCluster.Run(fixture.Qonduit, "qrmi", "acquire", "sim", "--config", fixture.ConfigPath, "--ttl", "2", "--wait", "30").Trim();
        Assert.StartsWith("lt_", token, StringComparison.Ordinal);
        Assert.False(SlurmCluster.TryRun(fixture.Qonduit, ["qrmi", "acquire", "sim", "--config", fixture.ConfigPath], out _, out var refused));
        Assert.Contains("lease.unavailable", refused, StringComparison.Ordinal);
        // A waiting acquisition gets the lane once the TTL has freed it: no release, no sleep here.
        var next = SlurmCluster.Run(fixture.Qonduit, "qrmi", "acquire", "sim", "--config", fixture.ConfigPath, "--ttl", "60", "--wait", "30").Trim();
        Assert.StartsWith("lt_", next, StringComparison.Ordinal);
        SlurmCluster.Run(fixture.Qonduit, "qrmi", "release", "sim", next, "--config", fixture.ConfigPath);
        Assert.Empty(await fixture.Leases("sim").ActiveAsync());
    }

    [Fact]
    public async Task A_holder_killed_without_release_loses_the_server_lease_at_its_ttl()
    {
        // `qrmi acquire` exits once it has printed the token: a holder gone without releasing.
        var gone = SlurmCluster.Run(fixture.Qonduit, "qrmi", "acquire", "vqpu", "--config", fixture.ConfigPath, "--job-id", "gone", "--ttl", "3").Trim();
        Assert.StartsWith("lt_", gone, StringComparison.Ordinal);
        var first = Assert.Single((await fixture.ServerLeasesAsync()).Leases);
        Assert.Equal("slurm:job:gone", first.Holder);
        Assert.False(SlurmCluster.TryRun(fixture.Qonduit, ["qrmi", "acquire", "vqpu", "--config", fixture.ConfigPath], out _, out var refused));
        Assert.Contains("lease.unavailable", refused, StringComparison.Ordinal);

        // A waiting acquisition is served by the server when the TTL frees the lane: no release, no sleep here.
        var next = SlurmCluster.Run(fixture.Qonduit, "qrmi", "acquire", "vqpu", "--config", fixture.ConfigPath, "--ttl", "60", "--wait", "30").Trim();
        Assert.Equal(LeaseState.Expired, (await fixture.ServerLeaseAsync(first.LeaseId)).State);
        Assert.True((await fixture.ServerLeaseAsync(first.LeaseId)).ExpiresAt <= DateTimeOffset.UtcNow);
        SlurmCluster.Run(fixture.Qonduit, "qrmi", "release", "vqpu", next, "--config", fixture.ConfigPath);
        Assert.Equal(0, (await fixture.ServerLeasesAsync()).LanesInUse);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("the condition did not become true within 10 s");
    }
}
