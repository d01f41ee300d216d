namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>An agent killed with -9 while it holds running tasks, the admin's recovery, and the agent's own on restart.</summary>
[Collection(RealSlurmCollection.Name)]
public sealed class AgentRecoveryTests
{
    [Fact]
    public async Task Tasks_of_a_killed_agent_stay_running_turn_stale_are_requeued_and_a_restart_reports_what_finished_meanwhile()
    {
        await using var server = await ControlPlaneHarness.StartAsync(TimeSpan.FromSeconds(3));
        var root = RealSlurm.NewDirectory("e2e-recovery");
        var go = Path.Combine(root, "go");
        // Each runner waits for the go file, so the three tasks are running (submitted) when the agent dies.
        string[] gated = ["sh", "-c", $"while [ ! -f {go} ]; do sleep 0.1; done; exec {RealSlurm.Qonduit()} \"$@\"", "gated-runner"];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await server.SubmitAsync(RandomCircuits.Line(5, 3, seed: 100 + i), shots: 300, seed: i));

        var first = AgentProcess.Start(server, "agent-a", Path.Combine(root, "a"), "local", 3, gated);
        await WaitFor(async () => (await Task.WhenAll(ids.Select(server.TaskAsync))).All(t => t.GetProperty("step").GetString() == "submitted"), first);
        first.Kill();

        await WaitFor(async () => (await Task.WhenAll(ids.Select(server.TaskAsync))).All(t => t.GetProperty("stale").GetBoolean()), first);
        Assert.All(await Task.WhenAll(ids.Select(server.TaskAsync)), t => Assert.Equal("running", t.GetProperty("state").GetString()));
        foreach (var id in ids.Take(2))
        {
            using var requeued = await server.Admin.PostAsync($"v1/tasks/{id}/requeue", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.True(requeued.IsSuccessStatusCode, await requeued.Content.ReadAsStringAsync());
        }

        // The orphaned runners finish while agent-a is down; agent-b takes the two requeued tasks.
        File.WriteAllText(go, "");
        using var second = AgentProcess.Start(server, "agent-b", Path.Combine(root, "b"), "local", 2);
        var done = await server.WaitTerminalAsync(ids.Take(2), TimeSpan.FromMinutes(2));
        Assert.All(done.Values, t => Assert.Equal(("completed", "agent-b", 2), (t.GetProperty("state").GetString(), t.GetProperty("owner").GetString(), t.GetProperty("attempt").GetInt32())));

        using var restarted = AgentProcess.Start(server, "agent-a", Path.Combine(root, "a"), "local", 3);
        var last = (await server.WaitTerminalAsync([ids[2]], TimeSpan.FromMinutes(2)))[ids[2]];
        Assert.Equal(("completed", "agent-a", 1), (last.GetProperty("state").GetString(), last.GetProperty("owner").GetString(), last.GetProperty("attempt").GetInt32()));

        Assert.All(ids, id => Assert.Equal(1, server.Reports(id).Terminal));
        // Nothing ran twice on agent-a's side: each of its run directories saw exactly one runner start.
        var runnerLogs = Directory.GetFiles(Path.Combine(root, "a"), "runner.log", SearchOption.AllDirectories);
        Assert.Equal(3, runnerLogs.Length);
        Assert.All(runnerLogs, log => Assert.Single(File.ReadLines(log), l => l.Contains(" task ", StringComparison.Ordinal)));
        Assert.Equal(0, restarted.Stop());
        Assert.Equal(0, second.Stop());
    }

    private static async Task WaitFor(Func<Task<bool>> condition, AgentProcess agent)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!await condition())
        {
            if (patience.IsCancellationRequested) throw new TimeoutException($"condition not reached; agent log:\n{agent.Log}");
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
