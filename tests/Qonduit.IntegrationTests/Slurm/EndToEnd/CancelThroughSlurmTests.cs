using System.Globalization;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>
/// A user's cancel of a task that runs as a Slurm job stops the job: the agent hears of it at once (its heartbeat
/// long-polls for cancellations) and scancels the job, and the runner inside it ends (SIGTERM is its cancellation).
/// </summary>
[Collection(RealSlurmCollection.Name)]
public sealed class CancelThroughSlurmTests
{
    [Fact]
    public async Task A_cancelled_task_leaves_no_slurm_job_and_no_runner_behind()
    {
        await using var server = await ControlPlaneHarness.StartAsync(TimeSpan.FromSeconds(30));
        var root = RealSlurm.NewDirectory("e2e-cancel");
        using var agent = AgentProcess.Start(server, "agent-c", Path.Combine(root, "runs"), "slurm", 1);
        // Device noise, one error pattern per shot: minutes of trajectories, each a few microseconds.
        var id = await server.SubmitAsync(RandomCircuits.Line(5, 400, seed: 3), shots: 100_000);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var job = await Until(async () => (await server.TaskAsync(id)) is var task
            && task.GetProperty("progress").ValueKind == System.Text.Json.JsonValueKind.Object
            ? task.GetProperty("schedulerJobId").GetString() : null, patience.Token);
        Assert.Contains("RUNNING", RealSlurm.Run("squeue", "-h", "-j", job, "-o", "%T").Stdout, StringComparison.Ordinal);

        using var cancelled = await server.User.PostAsync($"v1/tasks/{id}/cancel", null);
        cancelled.EnsureSuccessStatusCode();
        var acknowledged = DateTime.UtcNow;

        await Until(async () => RealSlurm.Run("squeue", "-h", "-j", job, "-o", "%T").Stdout.Trim().Length == 0 ? "gone" : null, patience.Token);
        var gone = DateTime.UtcNow - acknowledged;
        // scancel's SIGTERM reaches the runner at once, but squeue lists the job until slurmd has reaped its step, which
        // Slurm's KillWait (5 s, scripts/setup/slurm.sh) may stretch: a clean-clone run saw 5.1 s against a 5 s bound.
        Assert.True(gone < TimeSpan.FromSeconds(10), $"the Slurm job outlived the cancel by {gone.TotalSeconds:0.0} s\n{agent.Log}");
        Assert.Empty(RunnersOf(id));
        Assert.Equal("cancelled", (await server.TaskAsync(id)).GetProperty("state").GetString());
        Assert.Equal(0, agent.Stop());
    }

    private static async Task<string> Until(Func<Task<string?>> probe, CancellationToken patience)
    {
        while (true)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100, patience);
        }
    }

    /// <summary>Live `qonduit runner` processes whose run directory is the task's.</summary>
    private static List<int> RunnersOf(string id)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var args = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
                if (args.Length > 2 && args[1] == "runner" && args[2].Contains(id, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being looked at.
            }
        }
        return found;
    }
}
