namespace Qonduit.Storage.Tests.Graphs;

/// <summary>Both adapters of <see cref="IControlPlaneStore"/> keep graphs, runs, node instances and attempts' links alike.</summary>
public sealed class GraphStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static RunNodeRecord Node(Guid run, string key, string state = "pending") =>
        new(run, key, state, 0, null, null, null, null, null, null, null, null, null, 0);

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_graph_its_runs_their_nodes_and_attempts_round_trip(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var graph = new GraphRecord(Guid.NewGuid(), "alice", "vqls", "{\"name\":\"vqls\"}", Now);
        var run = new RunRecord(Guid.NewGuid(), graph.Id, "alice", "running", "{\"circuits\":[]}", Now.AddSeconds(1), null);
        var task = Guid.NewGuid();
        var node = new RunNodeRecord(run.Id, "opt[2].fan[17]", "retrying", 2, task, Now.AddSeconds(4), Now.AddSeconds(2), null,
            "{\"counts\":{\"00\":3}}", "runner.failed", "it failed", "\"OPENQASM 3;\"", 17, 0);
        await store.Store.WriteAsync(w =>
        {
            w.InsertGraph(graph);
            w.SaveRun(run);
            w.SaveRunNode(node);
            w.SaveRunNode(Node(run.Id, "opt"));
            w.InsertRunAttempt(new RunAttempt(task, run.Id, node.Key, 2));
            return 0;
        });
        Assert.Equal(graph, store.Store.GetGraph(graph.Id));
        Assert.Equal(run, store.Store.GetRun(run.Id));
        Assert.Equal(["opt", "opt[2].fan[17]"], store.Store.RunNodes(run.Id).Select(n => n.Key));
        Assert.Equal(node, store.Store.RunNodes(run.Id)[1]);
        Assert.Equal(new RunAttempt(task, run.Id, node.Key, 2), store.Store.AttemptOfTask(task));
        Assert.Null(store.Store.AttemptOfTask(Guid.NewGuid()));
        Assert.Null(store.Store.GetRun(Guid.NewGuid()));
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Saving_a_run_or_node_again_replaces_it_inside_the_same_transaction_too(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var graph = new GraphRecord(Guid.NewGuid(), "alice", "g", "{}", Now);
        var run = new RunRecord(Guid.NewGuid(), graph.Id, "alice", "running", "{}", Now, null);
        var seen = await store.Store.WriteAsync(w =>
        {
            w.InsertGraph(graph);
            w.SaveRun(run);
            w.SaveRunNode(Node(run.Id, "a"));
            w.SaveRunNode(Node(run.Id, "a", "running") with { Attempt = 1 });
            w.SaveRun(run with { Status = "succeeded", EndedAt = Now.AddMinutes(1) });
            return (w.GetRun(run.Id)!.Status, w.RunNodes(run.Id).Single().State);
        });
        Assert.Equal(("succeeded", "running"), seen);
        Assert.Equal(Now.AddMinutes(1), store.Store.GetRun(run.Id)!.EndedAt);
        Assert.Equal(1, store.Store.RunNodes(run.Id).Single().Attempt);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task Runs_and_graphs_list_newest_first_by_owner_graph_and_status(StoreKind kind)
    {
        using var store = new TestStore(kind);
        var (g1, g2) = (new GraphRecord(Guid.NewGuid(), "alice", "a", "{}", Now), new GraphRecord(Guid.NewGuid(), "bob", "b", "{}", Now.AddSeconds(1)));
        var runs = new[]
        {
            new RunRecord(Guid.NewGuid(), g1.Id, "alice", "succeeded", "{}", Now, Now),
            new RunRecord(Guid.NewGuid(), g1.Id, "alice", "running", "{}", Now.AddSeconds(1), null),
            new RunRecord(Guid.NewGuid(), g2.Id, "bob", "running", "{}", Now.AddSeconds(2), null),
        };
        await store.Store.WriteAsync(w =>
        {
            w.InsertGraph(g1);
            w.InsertGraph(g2);
            foreach (var run in runs) w.SaveRun(run);
            return 0;
        });
        Assert.Equal([g2.Id, g1.Id], store.Store.ListGraphs(null, 10).Select(g => g.Id));
        Assert.Equal([g1.Id], store.Store.ListGraphs("alice", 10).Select(g => g.Id));
        Assert.Equal([runs[2].Id, runs[1].Id], store.Store.ListRuns(new RunQuery(Status: "running")).Select(r => r.Id));
        Assert.Equal([runs[1].Id, runs[0].Id], store.Store.ListRuns(new RunQuery(Owner: "alice", GraphId: g1.Id)).Select(r => r.Id));
        Assert.Equal([runs[2].Id], store.Store.ListRuns(new RunQuery(Limit: 1)).Select(r => r.Id));
    }
}
