using Qonduit.Graphs.Runs;
using static Qonduit.Graphs.Tests.Definition.GraphJson;

namespace Qonduit.Graphs.Tests.Runs;

public sealed class RunKeysTests
{
    [Fact]
    public void A_stored_key_finds_its_node_through_iterations_children_and_bodies_and_a_wrong_one_is_refused()
    {
        var graph = Compile("""
            {'name': 'g', 'inputs': {'l': 'application/qasm[]'}, 'nodes': [
              {'id': 'opt', 'kind': 'loop', 'maxIterations': 3, 'body': [
                {'id': 'fan', 'kind': 'map', 'over': 'inputs.l', 'template': {'kind': 'subgraph', 'body': [{'id': 'x', 'kind': 'task', 'command': {'name': 'x'}}]}}]},
              {'id': 'sub', 'kind': 'subgraph', 'body': [{'id': 'y', 'kind': 'task', 'command': {'name': 'y'}}]}]}
            """);
        Assert.Same(graph.Root.ById["opt"], RunKeys.NodeOf(graph, "opt"));
        var fan = graph.Root.ById["opt"].Body!.ById["fan"];
        Assert.Same(fan, RunKeys.NodeOf(graph, "opt[2].fan"));
        Assert.Same(fan.Template, RunKeys.NodeOf(graph, "opt[2].fan[17]"));
        Assert.Same(fan.Template!.Body!.ById["x"], RunKeys.NodeOf(graph, "opt[0].fan[3].x"));
        Assert.Same(graph.Root.ById["sub"].Body!.ById["y"], RunKeys.NodeOf(graph, "sub.y"));
        foreach (var wrong in new[] { "nope", "opt[1]", "opt.fan", "sub[0].y", "opt[x].fan", "sub.y.z" })
            Assert.Throws<KeyNotFoundException>(() => RunKeys.NodeOf(graph, wrong));
    }
}
