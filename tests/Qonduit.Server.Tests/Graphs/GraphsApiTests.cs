using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Contracts.Graphs;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Server.Graphs;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Graphs;

/// <summary>Graphs posted and run through the API on the real control plane, with a test playing the agent.</summary>
public sealed class GraphsApiTests
{
    private static GraphDefinition Definition(string json) => JsonSerializer.Deserialize(json.Replace('\'', '"'), Contracts.WireJson.Default.GraphDefinition)!;

    private static readonly GraphDefinition FanIn = Definition("""
        {'name': 'bells', 'inputs': {'circuits': 'application/qasm[]'}, 'nodes': [
          {'id': 'fan', 'kind': 'map', 'over': 'inputs.circuits', 'template': {'kind': 'task', 'inputs': {'circuit': 'item'}, 'circuit': {'device': 'line5', 'shots': 10}}},
          {'id': 'all', 'kind': 'join', 'from': 'fan'}]}
        """);

    private static async Task<(GraphView Graph, RunView Run)> StartAsync(ControlPlaneHost host, int circuits = 3)
    {
        var posted = await host.Alice.PostAsJsonAsync("/v1/graphs", FanIn);
        await Expect.StatusAsync(posted, 201);
        var graph = (await posted.Content.ReadFromJsonAsync<GraphView>())!;
        var inputs = new JsonObject { ["circuits"] = new JsonArray([.. Enumerable.Range(0, circuits).Select(_ => (JsonNode)Samples.Bell)]) };
        var started = await host.Alice.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs", new RunRequest(inputs));
        await Expect.StatusAsync(started, 201);
        return (graph, (await started.Content.ReadFromJsonAsync<RunView>())!);
    }

    private static async Task<RunView> RunAsync(HttpClient client, Guid id) => (await client.GetFromJsonAsync<RunView>($"/v1/runs/{id}"))!;

    [Fact]
    public async Task Acceptance_3_an_edge_from_counts_into_a_qasm_port_is_refused_when_the_graph_is_posted()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var refused = await host.Alice.PostAsJsonAsync("/v1/graphs", Definition("""
            {'name': 'bad', 'nodes': [
              {'id': 'a', 'kind': 'task', 'circuit': {'qasm': 'OPENQASM 2.0;', 'device': 'line5'}},
              {'id': 'b', 'kind': 'task', 'circuit': {'device': 'line5'}, 'inputs': {'circuit': 'nodes.a.outputs.counts'}}]}
            """));
        var problem = await Expect.ProblemAsync(refused, 400, "graph.edge-type-mismatch");
        Assert.Contains("nodes.b.inputs.circuit", problem.GetProperty("detail").GetString());
        Assert.Empty(host.Store.ListGraphs(null, 10));
    }

    [Fact]
    public async Task A_run_dispatches_its_first_nodes_before_answering_and_ends_once_the_agent_completed_them_with_the_join_gathering_in_order()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var (graph, run) = await StartAsync(host);
        Assert.Equal("running", run.Status);
        Assert.Equal(["all", "fan", "fan[0]", "fan[1]", "fan[2]"], run.Nodes.Select(n => n.Key));
        var children = run.Nodes.Where(n => n.Key.StartsWith("fan[", StringComparison.Ordinal)).ToList();
        Assert.All(children, n => Assert.Equal(("running", 1), (n.State, n.Attempt)));
        foreach (var child in children)
        {
            var task = host.Store.GetTask(child.TaskId!.Value)!;
            Assert.Equal(("alice", TaskState.Queued), (task.Tenant, task.State));
            Assert.Contains($"run:{run.Id}", task.Tags);
            Assert.Equal(new RunAttempt(task.Id, run.Id, child.Key, 1), host.Store.AttemptOfTask(task.Id));
        }
        for (var i = 0; i < 3; i++)
        {
            var claimed = await host.ClaimAsync();
            var counts = new Dictionary<string, int> { ["00"] = 10 - i, ["11"] = i };
            await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claimed.Task.Id}/completed", new ReportCompletedRequest("agent-1", Samples.Result(counts))), 200);
        }
        await Eventually.TrueAsync(() => host.Store.GetRun(run.Id)!.Status == "succeeded", "the run succeeds");
        var done = await RunAsync(host.Alice, run.Id);
        Assert.All(done.Nodes, n => Assert.Equal("succeeded", n.State));
        var gathered = done.Nodes.Single(n => n.Key == "all").Outputs!["counts"]!.AsArray();
        Assert.Equal(3, gathered.Count);
        var byChild = children.Select(c => host.Store.GetTask(c.TaskId!.Value)!.ResultJson).ToList();
        for (var k = 0; k < 3; k++)
            Assert.Equal(JsonNode.Parse(byChild[k]!)!["counts"]!.ToJsonString(), gathered[k]!.ToJsonString());
        var types = host.Store.ReadEvents(0, new EventFilter(Tenant: "alice"), 1000).Select(e => e.Type).ToList();
        Assert.Equal(1, types.Count(t => t == "run.created"));
        Assert.Equal(1, types.Count(t => t == "run.succeeded"));
        Assert.Equal(5, types.Count(t => t == "node.succeeded"));
        Assert.Equal(graph.Id, done.GraphId);
    }

    [Fact]
    public async Task A_failed_attempt_is_retried_a_second_after_with_a_new_task_linked_to_attempt_2()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var (_, run) = await StartAsync(host, circuits: 1);
        var claimed = await host.ClaimAsync();
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claimed.Task.Id}/failed",
            new ReportFailedRequest("agent-1", "runner.crashed", "runner", "it crashed")), 200);
        await Eventually.TrueAsync(() => host.Store.RunNodes(run.Id).Single(n => n.Key == "fan[0]").State == "retrying", "the child waits to retry");
        var waiting = host.Store.RunNodes(run.Id).Single(n => n.Key == "fan[0]");
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(1), waiting.DueAt);
        Assert.Equal("runner.crashed", waiting.ErrorCode);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => host.Store.RunNodes(run.Id).Single(n => n.Key == "fan[0]").Attempt == 2, "attempt 2 starts");
        var second = host.Store.RunNodes(run.Id).Single(n => n.Key == "fan[0]");
        Assert.Equal("running", second.State);
        Assert.NotEqual(claimed.Task.Id, second.TaskId);
        Assert.Equal(2, host.Store.AttemptOfTask(second.TaskId!.Value)!.Attempt);
    }

    [Fact]
    public async Task A_cancelled_run_cancels_its_queued_tasks_and_another_user_sees_neither_graph_nor_run()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var (graph, run) = await StartAsync(host);
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/runs/{run.Id}"), 404, "graph.run-not-found");
        await Expect.ProblemAsync(await host.Bob.GetAsync($"/v1/graphs/{graph.Id}"), 404, "graph.not-found");
        await Expect.ProblemAsync(await host.Bob.PostAsync($"/v1/runs/{run.Id}/cancel", null), 404, "graph.run-not-found");

        var cancelled = await host.Alice.PostAsync($"/v1/runs/{run.Id}/cancel", null);
        await Expect.StatusAsync(cancelled, 200);
        var view = (await cancelled.Content.ReadFromJsonAsync<RunView>())!;
        Assert.Equal("cancelled", view.Status);
        Assert.All(view.Nodes, n => Assert.Equal("cancelled", n.State));
        Assert.All(view.Nodes.Where(n => n.TaskId is not null), n => Assert.Equal(TaskState.Cancelled, host.Store.GetTask(n.TaskId!.Value)!.State));
        Assert.Equal("cancelled", (await RunAsync(host.Admin, run.Id)).Status);
    }

    [Fact]
    public async Task A_command_node_runs_on_an_agent_that_declares_it_reads_its_inputs_on_stdin_and_its_outputs_bind_the_next_circuits_parameter()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat",
            new HeartbeatRequest("solver", [], "i-1", 5_000, Pools: [new PoolDeclaration("cpu-a", "cpu", 4)], Commands: ["guess"])), 200);
        var graph = (await (await host.Alice.PostAsJsonAsync("/v1/graphs", Definition("""
            {'name': 'guess-then-run', 'inputs': {'scale': 'application/vnd.qonduit.number'}, 'nodes': [
              {'id': 'guess', 'kind': 'task', 'command': {'name': 'guess', 'args': ['--fast']}, 'requirement': 'select[kind==\u0027cpu\u0027]',
               'inputs': {'scale': 'inputs.scale'}, 'outputs': {'theta': 'application/vnd.qonduit.number'}},
              {'id': 'eval', 'kind': 'task', 'circuit': {'device': 'line5', 'shots': 10, 'parameters': {'t': 'nodes.guess.outputs.theta * 2'},
               'qasm': 'OPENQASM 3.0; include \"stdgates.inc\"; input float t; qubit[1] q; bit[1] c; rx(t) q[0]; c = measure q;'}}]}
            """))).Content.ReadFromJsonAsync<GraphView>())!;
        var run = (await (await host.Alice.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs", new RunRequest(new JsonObject { ["scale"] = 3 })))
            .Content.ReadFromJsonAsync<RunView>())!;
        var guess = host.Store.GetTask(run.Nodes.Single(n => n.Key == "guess").TaskId!.Value)!;
        Assert.Equal(("guess", "--fast", "{\"scale\":3}"), (guess.Command!.Name, string.Join(' ', guess.Command.Args!), guess.Command.Stdin));
        Assert.Equal("pending", run.Nodes.Single(n => n.Key == "eval").State);

        var claim = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("solver", 1, ["none"], 0, "i-1"));
        Assert.Equal(guess.Id, (await claim.Content.ReadFromJsonAsync<ClaimResponse>())!.Task.Id);
        using var outputs = JsonDocument.Parse("""{"theta": 0.25}""");
        var result = Samples.Result() with
        {
            Device = "command", Shots = 0, Counts = new Dictionary<string, int>(),
            Command = new CommandResult("guess", 0, outputs.RootElement.Clone(), ""),
        };
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{guess.Id}/completed", new ReportCompletedRequest("solver", result, "i-1")), 200);

        await Eventually.TrueAsync(() => host.Store.RunNodes(run.Id).Single(n => n.Key == "eval").TaskId is not null, "the circuit node starts");
        var eval = host.Store.GetTask(host.Store.RunNodes(run.Id).Single(n => n.Key == "eval").TaskId!.Value)!;
        Assert.Contains("rx(0.5)", eval.Circuit);
        Assert.Equal(0.25, (await RunAsync(host.Alice, run.Id)).Nodes.Single(n => n.Key == "guess").Outputs!["theta"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_user_may_charge_a_node_only_to_their_own_consumer_and_an_admin_to_any_leaf_which_its_tasks_are_charged_to()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsync("/v1/consumers",
            new StringContent("""{"name": "root", "children": [{"name": "chem"}, {"name": "opt"}]}""", System.Text.Encoding.UTF8, "application/json")), 200);
        await Expect.StatusAsync(await host.Admin.PutAsync("/v1/users/alice/consumer",
            new StringContent("""{"consumer": "/chem"}""", System.Text.Encoding.UTF8, "application/json")), 204);
        static GraphDefinition Charged(string consumer) => Definition($$$"""
            {'name': 'charged', 'nodes': [{'id': 'a', 'kind': 'task', 'consumer': '{{{consumer}}}', 'circuit': {'device': 'line5', 'shots': 10, 'qasm': 'OPENQASM 2.0; include \"qelib1.inc\"; qreg q[1]; creg c[1]; measure q -> c;'}}]}
            """);

        var refused = await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync("/v1/graphs", Charged("/opt")), 403, "graph.consumer-forbidden");
        Assert.Contains("nodes.a.consumer", refused.GetProperty("detail").GetString());
        await Expect.StatusAsync(await host.Alice.PostAsJsonAsync("/v1/graphs", Charged("/chem")), 201);
        await Expect.ProblemAsync(await host.Admin.PostAsJsonAsync("/v1/graphs", Charged("/nowhere")), 403, "graph.consumer-forbidden");

        var graph = (await (await host.Admin.PostAsJsonAsync("/v1/graphs", Charged("/opt"))).Content.ReadFromJsonAsync<GraphView>())!;
        var run = (await (await host.Admin.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs", new RunRequest())).Content.ReadFromJsonAsync<RunView>())!;
        Assert.Equal("/opt", host.Store.GetTask(run.Nodes.Single().TaskId!.Value)!.Consumer);
        Assert.Equal(2, host.Store.ListGraphs(null, 10).Count);
    }

    [Fact]
    public async Task Inputs_that_miss_one_the_graph_declares_or_give_the_wrong_kind_are_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var graph = (await (await host.Alice.PostAsJsonAsync("/v1/graphs", FanIn)).Content.ReadFromJsonAsync<GraphView>())!;
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs", new RunRequest()), 400, "graph.invalid-inputs");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs",
            new RunRequest(new JsonObject { ["circuits"] = "one" })), 400, "graph.invalid-inputs");
        await Expect.ProblemAsync(await host.Alice.PostAsJsonAsync($"/v1/graphs/{graph.Id}/runs",
            new RunRequest(new JsonObject { ["circuits"] = new JsonArray(), ["extra"] = 1 })), 400, "graph.invalid-inputs");
        Assert.Empty(host.Store.ListRuns(new RunQuery()));
    }
}
