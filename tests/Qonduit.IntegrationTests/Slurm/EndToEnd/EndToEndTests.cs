using System.Text.Json;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>
/// The whole path with real processes: the control plane on a loopback port, `qonduit agent` processes talking to it
/// over HTTP, each task realised as a `qonduit runner` job by local processes or by the real Slurm cluster.
/// </summary>
[Collection(RealSlurmCollection.Name)]
public sealed class EndToEndTests
{
    private static async Task<(IReadOnlyDictionary<string, JsonElement> Tasks, ControlPlaneHarness Server)> RunBatch(
        ControlPlaneHarness server, int count, Func<string, AgentProcess> startAgent, params string[] agentIds)
    {
        var agents = agentIds.Select(startAgent).ToList();
        try
        {
            var ids = new List<string>();
            for (var i = 0; i < count; i++) ids.Add(await server.SubmitAsync(RandomCircuits.Line(5, 4, seed: i), shots: 500, seed: i));
            var tasks = await server.WaitTerminalAsync(ids, TimeSpan.FromMinutes(5));
            return (tasks, server);
        }
        catch (Exception e) when (e is TimeoutException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(string.Join("\n---\n", agents.Select(a => $"{a.AgentId}:\n{a.Log}")), e);
        }
        finally
        {
            var exits = agents.Select(agent => agent.Stop()).ToList();
            agents.ForEach(agent => agent.Dispose());
            Assert.All(exits, exit => Assert.Equal(0, exit));
        }
    }

    private static void AssertEachCompletedOnce(IReadOnlyDictionary<string, JsonElement> tasks, ControlPlaneHarness server, string[] agentIds)
    {
        Assert.All(tasks, t => Assert.Equal("completed", t.Value.GetProperty("state").GetString()));
        Assert.All(tasks.Keys, id => Assert.Equal((1, 0), server.Reports(id)));
        var split = tasks.Values.GroupBy(t => t.GetProperty("owner").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Subset(agentIds.ToHashSet(), split.Keys.ToHashSet());
        Console.WriteLine($"split between agents: {string.Join(", ", split.Select(s => $"{s.Key}={s.Value}"))}");
    }

    [Fact]
    public async Task Fifty_circuits_through_two_local_agents_all_complete_exactly_once_with_counts()
    {
        await using var server = await ControlPlaneHarness.StartAsync(TimeSpan.FromSeconds(30));
        var root = RealSlurm.NewDirectory("e2e-local");
        string[] agentIds = ["local-a", "local-b"];
        var (tasks, _) = await RunBatch(server, 50, id => AgentProcess.Start(server, id, Path.Combine(root, id), "local", 2), agentIds);

        AssertEachCompletedOnce(tasks, server, agentIds);
        var result = await server.ResultAsync(tasks.Keys.First());
        Assert.Equal(500, result.GetProperty("result").GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt32()));
    }

    [Fact]
    public async Task Circuits_through_two_slurm_agents_with_two_slots_each_all_complete_exactly_once()
    {
        await using var server = await ControlPlaneHarness.StartAsync(TimeSpan.FromSeconds(30));
        var root = RealSlurm.NewDirectory("e2e-slurm");
        string[] agentIds = ["slurm-a", "slurm-b"];
        var (tasks, _) = await RunBatch(server, 20, id => AgentProcess.Start(server, id, Path.Combine(root, id), "slurm", 2), agentIds);

        AssertEachCompletedOnce(tasks, server, agentIds);
        Assert.All(tasks.Values, t => Assert.Matches("^[0-9]+$", t.GetProperty("schedulerJobId").GetString()!));
    }
}
