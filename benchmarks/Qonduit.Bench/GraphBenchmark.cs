using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.Hosting;
using Qonduit.Cli.Runner;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Graphs;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench graphs` (docs/orchestration.md §4): on a real server in process (SQLite, HTTP on loopback),
/// (1) graph run → first node dispatched: a run of a one-node graph is started and timed until a long-polling agent's
/// claim holds the node's task (Symphony publishes &lt; 200 ms); (2) node dispatch sustained: a map over no-op 2-qubit
/// circuits run to its end by the embedded in-process agent, beside the same number of tasks submitted alone to the
/// same agent in the same run — the graph engine's own cost is the difference.
/// </summary>
public static class GraphBenchmark
{
    private const string Device = "bench-graph";
    private const double BoundP50Ms = 50, BoundP99Ms = 200, BoundNodesPerSecond = 1000;

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "timed runs of the one-node graph (after 10 untimed)", DefaultValueFactory = _ => 200 };
        var nodes = new Option<int>("--nodes") { Description = "circuits the map fans out over", DefaultValueFactory = _ => 2000 };
        var command = new Command("graphs", "graph run → first node dispatched (p50 ≤ 50 ms, p99 < 200 ms); map nodes dispatched per second (≥ 1,000)") { runs, nodes };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(Math.Max(1, parse.GetValue(runs)), Math.Max(1, parse.GetValue(nodes)), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int runs, int nodes, CancellationToken cancellationToken)
    {
        await using var server = await BenchServer.StartAsync("graphs", cancellationToken).ConfigureAwait(false);
        using var admin = BenchServer.Client(server.Url, server.AdminKey);
        (await admin.PutAsJsonAsync($"/v1/devices/{Device}", new { generator = new { family = "line", qubits = 2, seed = 1 } }, cancellationToken).ConfigureAwait(false))
            .EnsureSuccessStatusCode();
        Console.WriteLine($"qonduit bench graphs: {Environment.ProcessorCount} cores, load average {BenchResults.LoadAverage()}");
        var figures = new JsonObject();
        await FirstDispatchAsync(server, admin, runs, figures, cancellationToken).ConfigureAwait(false);
        await SustainedAsync(server, admin, nodes, figures, cancellationToken).ConfigureAwait(false);
        figures["loadAverage"] = BenchResults.LoadAverage();
        Console.WriteLine($"appended to {BenchResults.Append("graphs", figures)}");
    }

    private static async Task FirstDispatchAsync(BenchServer server, HttpClient admin, int runs, JsonObject figures, CancellationToken cancellationToken)
    {
        var graph = await PostAsync(admin, new GraphDefinition("one", [new GraphNodeDefinition("step", "task",
            Circuit: new CircuitStepDefinition(BenchServer.TwoQubits, Device, 100))]), cancellationToken).ConfigureAwait(false);
        var (_, secret) = await ApiKeys.CreateAsync(server.App.Services.GetRequiredService<IControlPlaneStore>(), "bench-graph-agent", ApiKeyRole.Agent, DateTimeOffset.UtcNow, cancellationToken)
            .ConfigureAwait(false);
        using var agent = BenchServer.Client(server.Url, secret);
        var latencies = new List<double>(runs);
        for (var i = 0; i < runs + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var run = await StartAsync(admin, graph, null, cancellationToken).ConfigureAwait(false);
            var task = run.Nodes.Single().TaskId!.Value;
            using var claim = await agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("bench-graph-agent", 1, [Device], 2000), cancellationToken).ConfigureAwait(false);
            if (claim.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"the node's task was not claimed within 2 s ({(int)claim.StatusCode})");
            var claimed = (await claim.Content.ReadFromJsonAsync<ClaimResponse>(cancellationToken).ConfigureAwait(false))!.Task.Id;
            if (claimed != task) throw new InvalidOperationException($"the agent claimed {claimed}, not the node's task {task}");
            if (i >= 10) latencies.Add(clock.Elapsed.TotalMilliseconds);
            (await agent.PostAsJsonAsync($"/v1/tasks/{task}/completed", new ReportCompletedRequest("bench-graph-agent", MinimalRunResult.For(task, Device)), cancellationToken)
                .ConfigureAwait(false)).EnsureSuccessStatusCode();
        }
        var (p50, p99) = (BenchResults.Percentile(latencies, 0.50), BenchResults.Percentile(latencies, 0.99));
        var met = p50 <= BoundP50Ms && p99 < BoundP99Ms;
        Console.WriteLine($"  graph run → first node claimed ({runs} runs)   p50 {p50:F1} ms  p99 {p99:F1} ms   target p50 ≤ {BoundP50Ms} ms, p99 < {BoundP99Ms} ms  {(met ? "met" : "MISSED")}");
        figures["firstDispatchRuns"] = runs;
        figures["firstDispatchP50Ms"] = Math.Round(p50, 2);
        figures["firstDispatchP99Ms"] = Math.Round(p99, 2);
        figures["firstDispatchMaxMs"] = Math.Round(latencies.Max(), 2);
    }

    private static async Task SustainedAsync(BenchServer server, HttpClient admin, int nodes, JsonObject figures, CancellationToken cancellationToken)
    {
        var options = new EmbeddedAgentOptions
        {
            Slots = 4, DataDirectory = server.Directory.FullName, RunnerCommand = RunnerCommands.CurrentCommand(), AgentId = "bench-graph-embedded", Devices = [Device],
            Mode = EmbeddedAgentMode.InProcess,
            ApiKey = (services, token) => LocalAgentKey.ProvisionAsync(services.GetRequiredService<IControlPlaneStore>(), Path.Combine(server.Directory.FullName, "agent.key"),
                "bench-graph-embedded", token),
        };
        var key = await options.ApiKey(server.App.Services, cancellationToken).ConfigureAwait(false);
        await using var agent = EmbeddedAgent.Start(EmbeddedAgent.LoopbackUrl(server.App.Services.GetRequiredService<IServer>()), key, options,
            server.App.Services.GetRequiredService<ILoggerFactory>());
        var graph = await PostAsync(admin, new GraphDefinition("fan", [
            new GraphNodeDefinition("fan", "map", Over: "inputs.circuits", Template: new GraphNodeDefinition(null, "task",
                Inputs: new Dictionary<string, string> { ["circuit"] = "item" }, Circuit: new CircuitStepDefinition(Device: Device, Shots: 100))),
            new GraphNodeDefinition("all", "join", From: "fan"),
        ], new Dictionary<string, string> { ["circuits"] = "application/qasm[]" }), cancellationToken).ConfigureAwait(false);
        JsonObject Inputs(int count) => new() { ["circuits"] = new JsonArray([.. Enumerable.Range(0, count).Select(_ => (JsonNode)BenchServer.TwoQubits)]) };

        // Warm-up: a small run, and tasks alone, so both timed parts find the JIT done.
        await RunToEndAsync(admin, graph, Inputs(50), cancellationToken).ConfigureAwait(false);
        await TasksToEndAsync(admin, 50, cancellationToken).ConfigureAwait(false);

        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        await RunToEndAsync(admin, graph, Inputs(nodes), cancellationToken).ConfigureAwait(false);
        var graphSeconds = clock.Elapsed.TotalSeconds;
        var graphCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / nodes;
        cpu = Environment.CpuUsage.TotalTime;
        clock.Restart();
        await TasksToEndAsync(admin, nodes, cancellationToken).ConfigureAwait(false);
        var taskSeconds = clock.Elapsed.TotalSeconds;
        var taskCpu = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / nodes;
        var (perSecond, alonePerSecond) = (nodes / graphSeconds, nodes / taskSeconds);
        var met = perSecond >= BoundNodesPerSecond;
        Console.WriteLine($"  map of {nodes} no-op circuits, embedded in-process agent (4 slots)   {perSecond:F0} nodes/s at {graphCpu:F2} ms CPU each   " +
                          $"target ≥ {BoundNodesPerSecond:N0} nodes/s  {(met ? "met" : "MISSED")}");
        Console.WriteLine($"    peer, same run: the same {nodes} circuits submitted as tasks alone   {alonePerSecond:F0} tasks/s at {taskCpu:F2} ms CPU each");
        figures["sustainedNodes"] = nodes;
        figures["nodesPerSecond"] = Math.Round(perSecond, 1);
        figures["cpuMsPerNode"] = Math.Round(graphCpu, 3);
        figures["tasksAlonePerSecond"] = Math.Round(alonePerSecond, 1);
        figures["cpuMsPerTaskAlone"] = Math.Round(taskCpu, 3);
    }

    private static async Task RunToEndAsync(HttpClient admin, GraphView graph, JsonObject inputs, CancellationToken cancellationToken)
    {
        var run = await StartAsync(admin, graph, inputs, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
            var status = (await admin.GetFromJsonAsync<RunPage>($"/v1/runs?graph={graph.Id}&limit=1", cancellationToken).ConfigureAwait(false))!.Items[0];
            if (status.Id != run.Id) throw new InvalidOperationException("another run of the bench's graph appeared");
            if (status.Status == "succeeded") return;
            if (status.Status != "running") throw new InvalidOperationException($"run {run.Id} ended {status.Status}");
        }
    }

    private static async Task TasksToEndAsync(HttpClient admin, int count, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            using var response = await admin.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(Device, BenchServer.TwoQubits, null, 100), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<TaskView>(cancellationToken).ConfigureAwait(false))!.Id);
        }
        foreach (var id in ids)
            while ((await admin.GetFromJsonAsync<TaskView>($"/v1/tasks/{id}", cancellationToken).ConfigureAwait(false))!.State != TaskState.Completed)
                await Task.Delay(20, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<GraphView> PostAsync(HttpClient admin, GraphDefinition definition, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync("/v1/graphs", definition, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"posting graph {definition.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        return (await response.Content.ReadFromJsonAsync<GraphView>(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<RunView> StartAsync(HttpClient admin, GraphView graph, JsonObject? inputs, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs", new RunRequest(inputs), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"running graph {graph.Name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        return (await response.Content.ReadFromJsonAsync<RunView>(cancellationToken).ConfigureAwait(false))!;
    }
}
