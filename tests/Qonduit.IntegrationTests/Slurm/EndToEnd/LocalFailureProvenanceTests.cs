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
            [("job_lost", "scheduler"), ("artifact_missing", "agent")],
            failures.Select(f => (f.GetProperty("code").GetString(), f.GetProperty("origin").GetString())));
    }
}
