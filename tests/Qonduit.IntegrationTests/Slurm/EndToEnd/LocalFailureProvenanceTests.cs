namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>
/// The failures the local-process adapter alone can produce, through a real agent and real processes (no Slurm, so
/// outside the Slurm collection): a job that vanished without an exit status, and a clean exit without an artifact.
/// </summary>
public sealed class LocalFailureProvenanceTests
{
    [Fact]
    public async Task A_job_that_vanished_is_job_lost_and_a_clean_exit_without_an_artifact_is_artifact_missing()
    {
        var failures = await Task.WhenAll(
            // The runner kills the job's wrapper (its parent), so nothing records how the job ended.
            FailureProvenanceTests.FailureOf("local", ["sh", "-c", "kill -9 $PPID", "vanishing-runner"]),
            FailureProvenanceTests.FailureOf("local", ["sh", "-c", "exit 0", "silent-runner"]));

        Assert.Equal(
            [("scheduler.job-lost", "scheduler"), ("agent.artifact-missing", "agent")],
            failures.Select(f => (f.GetProperty("code").GetString(), f.GetProperty("origin").GetString())));
    }

    [Fact]
    public async Task Under_a_memory_limit_a_kernel_oom_kill_is_out_of_memory_while_a_plain_kill_9_stays_a_crash()
    {
        var failures = await Task.WhenAll(
            // `tail` keeps the current line, and /dev/zero has no newline: it grows until the kernel kills it at 64 MiB.
            FailureProvenanceTests.FailureOf("local", ["sh", "-c", "exec tail /dev/zero", "hungry-runner"], null, "--memory-limit-mb", "64"),
            FailureProvenanceTests.FailureOf("local", ["sh", "-c", "kill -9 $$", "crashing-runner"], null, "--memory-limit-mb", "64"));

        Assert.Equal(
            [("runner.out-of-memory", "runner"), ("runner.crashed", "runner")],
            failures.Select(f => (f.GetProperty("code").GetString(), f.GetProperty("origin").GetString())));
    }
}
