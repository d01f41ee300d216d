using System.Text.Json;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>Each way a job can go wrong reaches the server as its own failure code, through real agents, runners and Slurm.</summary>
[Collection(RealSlurmCollection.Name)]
public sealed class FailureProvenanceTests
{
    internal static async Task<JsonElement> FailureOf(string scheduler, string[] runner, Func<ControlPlaneHarness, string, Task>? meddle = null, params string[] flags)
    {
        await using var server = await ControlPlaneHarness.StartAsync(TimeSpan.FromSeconds(30));
        var root = RealSlurm.NewDirectory("e2e-failure");
        using var agent = AgentProcess.Start(server, "agent-f", Path.Combine(root, "runs"), scheduler, 1, runner, flags);
        var id = await server.SubmitAsync(RandomCircuits.Line(5, 2, seed: 5));
        if (meddle is not null) await meddle(server, id);
        var task = (await server.WaitTerminalAsync([id], TimeSpan.FromMinutes(4)))[id];
        Assert.True(task.GetProperty("state").GetString() == "failed", $"{task}\n{agent.Log}");
        Assert.Equal(0, agent.Stop());
        return task.GetProperty("error");
    }

    private static async Task ScancelOnceRunning(ControlPlaneHarness server, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string? job = null;
        while (job is null)
        {
            await Task.Delay(200, patience.Token);
            var task = await server.TaskAsync(id);
            if (task.GetProperty("schedulerJobId").GetString() is { } j) job = j;
        }
        while (!RealSlurm.Run("squeue", "-h", "-j", job, "-o", "%T").Stdout.Contains("RUNNING", StringComparison.Ordinal))
            await Task.Delay(200, patience.Token);
        Assert.Equal(0, RealSlurm.Run("scancel", job).ExitCode);
    }

    [Fact]
    public async Task Each_failure_has_its_own_code_and_origin()
    {
        var failures = await Task.WhenAll(
            FailureOf("local", ["sh", "-c", "kill -9 $$", "crashing-runner"]),
            FailureOf("local", ["sh", "-c", "echo '{\"schemaVersion\":1,\"cou' > result.json", "garbling-runner"]),
            FailureOf("slurm", ["sh", "-c", "sleep 600", "slow-runner"], ScancelOnceRunning),
            FailureOf("slurm", ["sh", "-c", "sleep 600", "slow-runner"], null, "--time-limit", "1"),
            FailureOf("slurm", [RealSlurm.Qonduit()], null, "--partition", "no-such-partition"));

        var seen = failures.Select(f => (f.GetProperty("code").GetString(), f.GetProperty("origin").GetString())).ToList();
        Assert.Equal(
            [("runner.crashed", "runner"), ("agent.artifact-malformed", "agent"), ("scheduler.job-cancelled", "scheduler"), ("scheduler.job-timeout", "scheduler"), ("scheduler.submit-refused", "scheduler")],
            seen);
    }
}
