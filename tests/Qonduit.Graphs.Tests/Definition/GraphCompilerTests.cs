using Qonduit.Graphs.Definition;
using static Qonduit.Graphs.Tests.Definition.GraphJson;

namespace Qonduit.Graphs.Tests.Definition;

public sealed class GraphCompilerTests
{
    private const string LoopWithOutputs = """
        {'name': 'g', 'inputs': {'circuits': 'application/qasm[]'}, 'nodes': [
          {'id': 'opt', 'kind': 'loop', 'maxIterations': 5, 'outputs': {'counts': 'nodes.all.outputs.counts'}, 'body': [
            {'id': 'fan', 'kind': 'map', 'over': 'inputs.circuits', 'template': {'kind': 'task', 'inputs': {'circuit': 'item'}, 'circuit': {}}},
            {'id': 'all', 'kind': 'join', 'from': 'fan'}]},
          {'id': 'report', 'kind': 'task', 'command': {'name': 'summarise'}, 'inputs': {'all': 'nodes.opt.outputs.counts'}, 'inputTypes': {'all': 'application/json'}}]}
        """;

    [Fact]
    public void A_loop_around_a_map_and_its_join_compiles_with_typed_lists_and_an_order_that_puts_each_node_after_its_upstream()
    {
        var graph = Compile(LoopWithOutputs);
        var loop = graph.Root.ById["opt"];
        Assert.Equal(["opt", "report"], graph.Root.Nodes.Select(n => n.Id));
        Assert.Equal(["fan", "all"], loop.Body!.Nodes.Select(n => n.Id));
        var join = loop.Body.ById["all"];
        Assert.Equal(JoinMode.All, join.Mode);
        Assert.Equal(MediaType.Counts.ListOf(), join.Outputs["counts"]);
        Assert.Equal(MediaType.Counts.ListOf(), loop.Outputs["counts"]);
        Assert.Equal(MediaType.Qasm, loop.Body.ById["fan"].Template!.Inputs["circuit"].Type);
        Assert.Equal(5, loop.MaxIterations);
        Assert.Contains("opt", graph.Root.ById["report"].Upstream);
        Assert.Equal(5, graph.NodeCount);
        Assert.Equal(RetryPolicy.Default, loop.Body.ById["fan"].Template!.Retry);
    }

    [Fact]
    public void Acceptance_3_counts_into_a_port_that_expects_qasm_is_refused_naming_the_edge_and_both_types()
    {
        var refused = Refuse("""
            {'name': 'g', 'nodes': [
              {'id': 'a', 'kind': 'task', 'circuit': {'qasm': 'OPENQASM 3; qubit q; bit c; c = measure q;'}},
              {'id': 'b', 'kind': 'task', 'circuit': {}, 'inputs': {'circuit': 'nodes.a.outputs.counts'}}]}
            """);
        Assert.Equal(ErrorCodes.Graph.EdgeTypeMismatch, refused.Code);
        Assert.Equal("nodes.b.inputs.circuit", refused.Where);
        Assert.Contains("nodes.a.outputs.counts carries application/vnd.qonduit.counts+json", refused.Reason);
        Assert.Contains("accepts application/qasm", refused.Reason);
    }

    [Fact]
    public void A_command_port_typed_by_the_graph_refuses_what_it_does_not_accept_and_a_map_needs_a_list()
    {
        var command = Refuse("""
            {'name': 'g', 'nodes': [
              {'id': 'a', 'kind': 'task', 'command': {'name': 'gen'}, 'outputs': {'energy': 'application/vnd.qonduit.number'}},
              {'id': 'b', 'kind': 'task', 'command': {'name': 'use'}, 'inputs': {'x': 'nodes.a.outputs.energy'}, 'inputTypes': {'x': 'application/qasm'}}]}
            """);
        Assert.Equal((ErrorCodes.Graph.EdgeTypeMismatch, "nodes.b.inputs.x"), (command.Code, command.Where));
        var map = Refuse("""
            {'name': 'g', 'nodes': [
              {'id': 'a', 'kind': 'task', 'command': {'name': 'gen'}, 'outputs': {'one': 'application/qasm'}},
              {'id': 'm', 'kind': 'map', 'over': 'nodes.a.outputs.one', 'template': {'kind': 'task', 'circuit': {}, 'inputs': {'circuit': 'item'}}}]}
            """);
        Assert.Equal((ErrorCodes.Graph.EdgeTypeMismatch, "nodes.m.over"), (map.Code, map.Where));
    }

    [Fact]
    public void Nodes_that_depend_on_each_other_in_a_cycle_are_refused_naming_them()
    {
        var refused = Refuse("""
            {'name': 'g', 'nodes': [
              {'id': 'a', 'kind': 'task', 'command': {'name': 'x'}, 'after': ['b']},
              {'id': 'b', 'kind': 'task', 'command': {'name': 'x'}, 'depends': 'nodes.a.Succeeded'},
              {'id': 'c', 'kind': 'task', 'command': {'name': 'x'}}]}
            """);
        Assert.Equal(ErrorCodes.Graph.Cycle, refused.Code);
        Assert.Contains("a, b", refused.Reason);
        Assert.Equal(ErrorCodes.Graph.Cycle, Refuse("{'name': 'g', 'nodes': [{'id': 'a', 'kind': 'task', 'command': {'name': 'x'}, 'after': ['a']}]}").Code);
    }

    [Fact]
    public void A_body_that_reads_outside_its_loop_makes_the_loop_wait_and_may_read_the_loops_outputs_of_the_iteration_before()
    {
        var graph = Compile("""
            {'name': 'g', 'nodes': [
              {'id': 'opt', 'kind': 'loop', 'until': 'nodes.step.outputs.cost < 0.01', 'outputs': {'theta': 'nodes.step.outputs.theta'}, 'body': [
                {'id': 'step', 'kind': 'task', 'command': {'name': 'spsa'}, 'inputs': {'seed': 'nodes.init.outputs.theta'},
                 'outputs': {'theta': 'application/vnd.qonduit.number', 'cost': 'application/vnd.qonduit.number'}},
                {'id': 'eval', 'kind': 'task', 'circuit': {'qasm': 'OPENQASM 3; input float t; qubit q; rx(t) q;', 'parameters': {'t': 'ifdef(nodes.opt.outputs.theta, 0.1) * 2'}}}]},
              {'id': 'init', 'kind': 'task', 'command': {'name': 'guess'}, 'outputs': {'theta': 'application/vnd.qonduit.number'}}]}
            """);
        Assert.Equal(["init", "opt"], graph.Root.Nodes.Select(n => n.Id));
        Assert.Equal(["init"], graph.Root.ById["opt"].Upstream);
        Assert.Empty(graph.Root.ById["opt"].Body!.ById["eval"].Upstream);
        Assert.Equal(GraphCompiler.MaxIterations, graph.Root.ById["opt"].MaxIterations);
    }

    [Fact]
    public void A_name_a_node_cannot_see_is_refused_and_so_is_an_output_it_does_not_have()
    {
        const string Template = """
            {'name': 'g', 'nodes': [
              {'id': 'l', 'kind': 'loop', 'maxIterations': 2, 'body': [{'id': 'inner', 'kind': 'task', 'command': {'name': 'x'}, 'outputs': {'v': 'text/plain'}}]},
              {'id': 'b', 'kind': 'task', 'command': {'name': 'x'}, 'inputs': {'v': 'SOURCE'}}]}
            """;
        var hidden = Refuse(Template.Replace("SOURCE", "nodes.inner.outputs.v"));
        Assert.Equal((ErrorCodes.Graph.UnknownReference, "nodes.b.inputs.v"), (hidden.Code, hidden.Where));
        Assert.Contains("no node 'inner' is visible here", hidden.Reason);
        var output = Refuse(Template.Replace("SOURCE", "nodes.l.outputs.v"));
        Assert.Contains("node 'l' has no output 'v'", output.Reason);
        Assert.Equal(ErrorCodes.Graph.UnknownReference, Refuse(Template.Replace("SOURCE", "inputs.nothing")).Code);
        Assert.Equal(ErrorCodes.Graph.Invalid, Refuse(Template.Replace("SOURCE", "nodes.l")).Code);
        var item = Refuse(Template.Replace("SOURCE", "item"));
        Assert.Contains("only in a map's template", item.Reason);
    }

    [Fact]
    public void Expressions_are_the_placement_grammar_refused_at_their_column_and_read_only_states_and_scalar_outputs()
    {
        const string Template = """
            {'name': 'g', 'nodes': [
              {'id': 'a', 'kind': 'task', 'circuit': {'qasm': 'OPENQASM 3;'}},
              {'id': 'm', 'kind': 'map', 'over': 'inputs.list', 'template': {'kind': 'task', 'circuit': {}, 'inputs': {'circuit': 'item'}}},
              {'id': 'b', 'kind': 'task', 'command': {'name': 'x'}, 'depends': 'EXPR'}], 'inputs': {'list': 'application/qasm[]'}}
            """;
        var syntax = Refuse(Template.Replace("EXPR", "nodes.a.Succeeded &&"));
        Assert.Equal((ErrorCodes.Graph.InvalidExpression, "nodes.b.depends"), (syntax.Code, syntax.Where));
        Assert.StartsWith("column 21:", syntax.Reason);
        Assert.Equal(ErrorCodes.Graph.EdgeTypeMismatch, Refuse(Template.Replace("EXPR", "nodes.a.outputs.counts > 1")).Code);
        Assert.Equal(ErrorCodes.Graph.UnknownReference, Refuse(Template.Replace("EXPR", "nodes.a.Done")).Code);
        Assert.Equal(ErrorCodes.Graph.Invalid, Refuse(Template.Replace("EXPR", "nodes.a.AnySucceeded")).Code);
        var graph = Compile(Template.Replace("EXPR", "nodes.m.AnySucceeded || nodes.a.Failed"));
        Assert.Equal(["a", "m"], graph.Root.ById["b"].Upstream.Order());
    }

    [Fact]
    public void Fields_of_another_kind_missing_fields_and_duplicate_ids_are_refused_by_name()
    {
        Assert.Equal("nodes.m.circuit", Refuse("{'name': 'g', 'nodes': [{'id': 'm', 'kind': 'map', 'circuit': {}, 'over': 'inputs.x', 'template': {'kind': 'task', 'command': {'name': 'x'}}}]}").Where);
        Assert.Equal("nodes.t", Refuse("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'task'}]}").Where);
        Assert.Equal("nodes.t.kind", Refuse("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'job'}]}").Where);
        Assert.Equal("nodes.j.from", Refuse("{'name': 'g', 'nodes': [{'id': 'j', 'kind': 'join'}]}").Where);
        Assert.Equal("nodes.j.mode", Refuse("{'name': 'g', 'nodes': [{'id': 'j', 'kind': 'join', 'from': 'x', 'mode': 'quorum:0'}]}").Where);
        Assert.Equal("nodes.a-b", Refuse("{'name': 'g', 'nodes': [{'id': 'a-b', 'kind': 'task', 'command': {'name': 'x'}}]}").Where);
        Assert.Equal("nodes.t.retry.maxAttempts", Refuse("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'task', 'command': {'name': 'x'}, 'retry': {'maxAttempts': 0}}]}").Where);
        Assert.Equal("graph.nodes", Refuse("{'name': 'g', 'nodes': []}").Where);
        var duplicate = Refuse("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'task', 'command': {'name': 'x'}}, {'id': 't', 'kind': 'task', 'command': {'name': 'y'}}]}");
        Assert.Equal((ErrorCodes.Graph.DuplicateNode, "nodes.t"), (duplicate.Code, duplicate.Where));
        // One id in two scopes is two nodes.
        Compile("{'name': 'g', 'nodes': [{'id': 't', 'kind': 'task', 'command': {'name': 'x'}}, {'id': 's', 'kind': 'subgraph', 'body': [{'id': 't', 'kind': 'task', 'command': {'name': 'x'}}]}]}");
    }

    [Fact]
    public void A_graph_is_bounded_in_nodes_and_nesting()
    {
        var many = string.Join(",", Enumerable.Range(0, GraphCompiler.MaxNodes + 1).Select(i => $"{{'id': 'n{i}', 'kind': 'task', 'command': {{'name': 'x'}}}}"));
        Assert.Equal(ErrorCodes.Graph.TooLarge, Refuse($"{{'name': 'g', 'nodes': [{many}]}}").Code);
        var deep = "{'id': 'leaf', 'kind': 'task', 'command': {'name': 'x'}}";
        for (var level = 0; level < GraphCompiler.MaxDepth; level++) deep = $"{{'id': 's{level}', 'kind': 'subgraph', 'body': [{deep}]}}";
        Assert.Equal(ErrorCodes.Graph.TooLarge, Refuse($"{{'name': 'g', 'nodes': [{deep}]}}").Code);
    }
}
