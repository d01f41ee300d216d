using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Contracts.Graphs;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Acceptance case 4 of "Service graphs across tiers": kill -9 of a real `qonduit serve` in the middle of a run of a loop
/// around a map and its join, and a restart on the same database: the run resumes, no node that completed runs again,
/// and the run's result is the one an uninterrupted run gives.
/// </summary>
public sealed class GraphRunResumeTests : IDisposable
{
    private const int Circuits = 6;
    private static readonly string[] NoEmbeddedAgent = ["--no-seed", "--embedded-agent", "0"];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-graph-resume-");

    private string Database => Path.Combine(_directory.FullName, "q.db");

    [Fact]
    public async Task Kill_9_in_the_middle_of_a_run_and_a_restart_resume_it_without_running_a_completed_node_again()
    {
        Guid runId;
        var before = new Dictionary<string, Guid>();
        await using (var first = await ServeProcess.StartAsync(Database, NoEmbeddedAgent))
        {
            using var admin = first.Client((await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim());
            Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/v1/devices/line5", new { generator = new { family = "line", qubits = 5, seed = 1 } })).StatusCode);
            using var agent = first.Client(await first.CreateKeyAsync("agent-a", ApiKeyRole.Agent));
            var graph = await (await admin.PostAsJsonAsync("/v1/graphs", JsonNode.Parse("""
                {"name": "resume", "inputs": {"circuits": "application/qasm[]"}, "nodes": [
                  {"id": "opt", "kind": "loop", "maxIterations": 2, "outputs": {"counts": "nodes.all.outputs.counts"}, "body": [
                    {"id": "fan", "kind": "map", "over": "inputs.circuits",
                     "template": {"kind": "task", "inputs": {"circuit": "item"}, "circuit": {"device": "line5", "shots": 10}}},
                    {"id": "all", "kind": "join", "from": "fan"}]}]}
                """))).Content.ReadFromJsonAsync<GraphView>();
            var inputs = new JsonObject { ["circuits"] = new JsonArray([.. Enumerable.Range(0, Circuits).Select(_ => (JsonNode)Samples.Bell)]) };
            var started = await admin.PostAsJsonAsync($"/v1/graphs/{graph!.Id}/runs", new RunRequest(inputs));
            Assert.Equal(HttpStatusCode.Created, started.StatusCode);
            runId = (await started.Content.ReadFromJsonAsync<RunView>())!.Id;

            // Three children complete; the engine records two of them; the third's end may or may not reach the run
            // before the kill, which the restart must settle either way.
            for (var i = 0; i < 3; i++) before[await CompleteOneAsync(admin, agent, runId)] = Guid.Empty;
            await Until.TrueAsync(async () => (await RunAsync(admin, runId)).Nodes.Count(n => n.State == "succeeded") >= 2, "two children recorded", TimeSpan.FromSeconds(20));
            foreach (var node in (await RunAsync(admin, runId)).Nodes.Where(n => n.Key.StartsWith("opt[0].fan[", StringComparison.Ordinal)))
                before[node.Key] = node.TaskId!.Value;
            first.Kill();
        }

        await using var second = await ServeProcess.StartAsync(Database, NoEmbeddedAgent);
        using var admin2 = second.Client((await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim());
        using var agent2 = second.Client(await second.CreateKeyAsync("agent-b", ApiKeyRole.Agent));
        while ((await RunAsync(admin2, runId)).Status == "running")
            await CompleteOneAsync(admin2, agent2, runId, "a2");

        var run = await RunAsync(admin2, runId);
        Assert.Equal("succeeded", run.Status);
        var children = run.Nodes.Where(n => n.Key.Contains(".fan[", StringComparison.Ordinal)).ToList();
        Assert.Equal(2 * Circuits, children.Count);
        Assert.All(children, n => Assert.Equal(("succeeded", 1), (n.State, n.Attempt)));
        foreach (var node in children.Where(n => n.Key.StartsWith("opt[0].", StringComparison.Ordinal)))
            Assert.Equal(before[node.Key], node.TaskId);
        Assert.Equal(2 * Circuits, children.Select(n => n.TaskId).Distinct().Count());
        // Each child completed with counts naming its own task, so the join's list is in index order when these line up.
        var gathered = run.Nodes.Single(n => n.Key == "opt").Outputs!["counts"]!.AsArray();
        Assert.Equal([.. Enumerable.Range(0, Circuits).Select(k => children.Single(c => c.Key == $"opt[1].fan[{k}]").TaskId!.Value.ToString("N")[..8])],
            gathered.Select(c => c!.AsObject().Single().Key));
    }

    /// <summary>The agent claims one of the run's queued tasks and completes it with counts naming the task; returns the node key.</summary>
    private static async Task<string> CompleteOneAsync(HttpClient admin, HttpClient agent, Guid runId, string agentId = "a1")
    {
        var claim = await agent.PostAsJsonAsync("/v1/agent/claim", new { agentId, capacity = 1, waitMs = 5000 });
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var task = (await claim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        var counts = new Dictionary<string, int> { [task.ToString("N")[..8]] = 10 };
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/v1/tasks/{task}/completed", new { agentId, result = Samples.Result(counts) })).StatusCode);
        return (await RunAsync(admin, runId)).Nodes.FirstOrDefault(n => n.TaskId == task)?.Key ?? task.ToString();
    }

    private static async Task<RunView> RunAsync(HttpClient client, Guid runId) => (await client.GetFromJsonAsync<RunView>($"/v1/runs/{runId}"))!;

    public void Dispose() => _directory.Delete(recursive: true);
}
