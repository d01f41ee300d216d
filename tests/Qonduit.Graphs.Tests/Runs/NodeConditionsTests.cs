using Qonduit.Graphs.Definition;
using Qonduit.Graphs.Runs;
using Qonduit.Placement.Requirements.Evaluation;
using static Qonduit.Graphs.Tests.Definition.GraphJson;

namespace Qonduit.Graphs.Tests.Runs;

public sealed class NodeConditionsTests
{
    private static readonly Graph Fan = Compile("""
        {'name': 'g', 'inputs': {'circuits': 'application/qasm[]', 'tol': 'application/vnd.qonduit.number'}, 'nodes': [
          {'id': 'prep', 'kind': 'task', 'command': {'name': 'prep'}, 'outputs': {'energy': 'application/vnd.qonduit.number', 'label': 'text/plain'}},
          {'id': 'side', 'kind': 'task', 'command': {'name': 'side'}},
          {'id': 'fan', 'kind': 'map', 'over': 'inputs.circuits', 'template': {'kind': 'task', 'circuit': {}, 'inputs': {'circuit': 'item'}}},
          {'id': 'all', 'kind': 'join', 'from': 'fan'},
          {'id': 'some', 'kind': 'join', 'from': 'fan', 'mode': 'any', 'depends': 'nodes.fan.AnySucceeded'},
          {'id': 'both', 'kind': 'task', 'command': {'name': 'x'}, 'after': ['prep', 'side']},
          {'id': 'low', 'kind': 'task', 'command': {'name': 'x'}, 'after': ['prep'], 'when': 'nodes.prep.outputs.energy < inputs.tol'},
          {'id': 'bad', 'kind': 'task', 'command': {'name': 'x'}, 'depends': 'nodes.prep.outputs.label + 1 > 0'}]}
        """);

    private static Readiness Decide(string node, Dictionary<string, NodeSnapshot> states, double tol = 0.5) =>
        NodeConditions.Decide(Fan.Root.ById[node], new RunScope(states, inputs: new Dictionary<string, Value> { ["tol"] = Value.Of(tol) }));

    private static NodeSnapshot Map(NodeState state, int total, int succeeded, int failed) =>
        new(state, Children: new ChildCounts(total, succeeded, failed, succeeded + failed));

    [Fact]
    public void By_default_a_node_waits_for_every_upstream_starts_when_all_succeeded_or_were_skipped_and_is_omitted_as_soon_as_one_ended_otherwise()
    {
        Assert.Equal(Readiness.Wait, Decide("both", new() { ["prep"] = new(NodeState.Succeeded), ["side"] = new(NodeState.Running) }));
        Assert.Equal(Readiness.Start, Decide("both", new() { ["prep"] = new(NodeState.Succeeded), ["side"] = new(NodeState.Skipped) }));
        Assert.Equal(Readiness.Omit, Decide("both", new() { ["prep"] = new(NodeState.Failed), ["side"] = new(NodeState.Retrying) }));
        Assert.Equal(Readiness.Omit, Decide("both", new() { ["prep"] = new(NodeState.Omitted), ["side"] = new(NodeState.Succeeded) }));
    }

    [Fact]
    public void Acceptance_2_a_join_on_a_map_with_a_failed_child_is_omitted_but_one_that_depends_on_any_success_proceeds()
    {
        var failedChild = new Dictionary<string, NodeSnapshot> { ["fan"] = Map(NodeState.Failed, 72, 71, 1) };
        Assert.Equal(Readiness.Omit, Decide("all", failedChild));
        Assert.Equal(Readiness.Start, Decide("some", failedChild));
        // While the map runs, one success already settles AnySucceeded; none yet waits; none at all omits.
        Assert.Equal(Readiness.Start, Decide("some", new() { ["fan"] = Map(NodeState.Running, 72, 1, 0) }));
        Assert.Equal(Readiness.Wait, Decide("some", new() { ["fan"] = Map(NodeState.Running, 72, 0, 5) }));
        Assert.Equal(Readiness.Omit, Decide("some", new() { ["fan"] = Map(NodeState.Failed, 72, 0, 72) }));
        Assert.Equal(Readiness.Wait, Decide("all", new() { ["fan"] = Map(NodeState.Running, 72, 71, 0) }));
    }

    [Fact]
    public void When_reads_upstream_outputs_and_run_inputs_to_skip_a_node_whose_depends_holds()
    {
        NodeSnapshot Prep(double energy) => new(NodeState.Succeeded, new Dictionary<string, Value> { ["energy"] = Value.Of(energy) });
        Assert.Equal(Readiness.Start, Decide("low", new() { ["prep"] = Prep(0.1) }));
        Assert.Equal(Readiness.Skip, Decide("low", new() { ["prep"] = Prep(0.9) }));
        Assert.Equal(Readiness.Start, Decide("low", new() { ["prep"] = Prep(0.9) }, tol: 1));
        // The output was never produced: the condition cannot be decided, so the node waits rather than guessing.
        Assert.Equal(Readiness.Wait, Decide("low", new() { ["prep"] = new(NodeState.Succeeded) }));
    }

    [Fact]
    public void An_expression_that_gives_error_errors_the_node()
    {
        var prep = new NodeSnapshot(NodeState.Succeeded, new Dictionary<string, Value> { ["label"] = Value.Of("h2") });
        Assert.Equal(Readiness.Error, Decide("bad", new() { ["prep"] = prep }));
    }

    [Fact]
    public void A_scope_instance_reads_its_own_nodes_first_then_the_enclosing_ones_and_its_map_index()
    {
        var outer = new RunScope(new Dictionary<string, NodeSnapshot> { ["x"] = new(NodeState.Succeeded, new Dictionary<string, Value> { ["v"] = Value.Of(1) }) });
        var inner = new RunScope(new Dictionary<string, NodeSnapshot> { ["y"] = new(NodeState.Running) }, outer, index: 17);
        Assert.Equal(Value.Of(1), inner.Read("nodes.x.outputs.v"));
        Assert.Equal(Value.True, inner.Read("nodes.x.Succeeded"));
        Assert.Equal(Value.Undefined, inner.Read("nodes.y.Succeeded"));
        Assert.Equal(Value.Of(17), inner.Read("index"));
        Assert.Equal(Value.Undefined, outer.Read("index"));
    }
}
