using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Graphs.Runs;
using static Qonduit.Graphs.Tests.Definition.GraphJson;

namespace Qonduit.Graphs.Tests.Runs;

public sealed class RunPlannerTests
{
    private const string Sampled = """
        {'name': 'vqls', 'inputs': {'circuits': 'application/qasm[]'}, 'nodes': [
          {'id': 'opt', 'kind': 'loop', 'maxIterations': 5, 'outputs': {'counts': 'nodes.all.outputs.counts'}, 'body': [
            {'id': 'fan', 'kind': 'map', 'over': 'inputs.circuits',
             'template': {'kind': 'task', 'inputs': {'circuit': 'item'}, 'circuit': {'shots': 100}, 'retry': {'nonRetryable': ['qasm.syntax']}}},
            {'id': 'all', 'kind': 'join', 'from': 'fan' DEPENDS}]}]}
        """;

    private static RunDriver Driver(string depends = "") => new(Compile(Sampled.Replace("DEPENDS", depends)), new JsonObject
    {
        ["circuits"] = new JsonArray([.. Enumerable.Range(0, 72).Select(i => (JsonNode)$"OPENQASM 3; // circuit {i}")]),
    });

    [Fact]
    public void Acceptance_1_a_child_failing_twice_is_retried_after_1_s_then_2_s_and_the_join_gets_72_results_in_index_order_on_each_of_5_iterations()
    {
        var driver = Driver();
        var first = driver.Advance();
        Assert.Equal(72, first.Count);
        Assert.Equal("OPENQASM 3; // circuit 17", first[17].Inputs["circuit"]!.GetValue<string>());
        Assert.Equal("opt[0].fan[17]", first[17].Instance.Key);
        foreach (var request in first)
            if (request.Instance.Index == 17) driver.Fail(request, "runner.failed");
            else driver.Succeed(request);
        Assert.Empty(driver.Advance());
        Assert.Equal(NodeState.Retrying, driver["opt[0].fan[17]"].State);
        Assert.Equal(driver.Now.AddSeconds(1), driver.NextDueAt);

        driver.Now = driver.Now.AddSeconds(1);
        var second = Assert.Single(driver.Advance());
        Assert.Equal((2, "opt[0].fan[17]"), (second.Attempt, second.Instance.Key));
        driver.Fail(second, "runner.failed");
        driver.Advance();
        Assert.Equal(driver.Now.AddSeconds(2), driver.NextDueAt);
        driver.Now = driver.Now.AddSeconds(2);
        var third = Assert.Single(driver.Advance());
        Assert.Equal(3, third.Attempt);
        driver.Succeed(third);

        driver.RunToQuiet(r => driver.Succeed(r));
        Assert.Equal(RunStatus.Succeeded, driver.Run.Status);
        Assert.Equal(5 * 72 + 2, driver.Dispatched.Count);
        Assert.Equal(5, driver["opt"].Count);
        var gathered = driver["opt[4].all"].Outputs!["counts"]!.AsArray();
        Assert.Equal(72, gathered.Count);
        Assert.Equal([.. Enumerable.Range(0, 72).Select(k => $"opt[4].fan[{k}]")], gathered.Select(c => c!.AsObject().Single().Key));
        Assert.Equal(3, driver["opt[0].all"].Outputs!["counts"]![17]!["opt[0].fan[17]"]!.GetValue<int>());
        Assert.Equal(72, driver["opt"].Outputs!["counts"]!.AsArray().Count);
    }

    [Fact]
    public void Acceptance_2_a_non_retryable_failure_fails_the_child_at_once_omits_the_join_and_fails_the_run()
    {
        var driver = Driver();
        driver.RunToQuiet(r =>
        {
            if (r.Instance.Index == 17) driver.Fail(r, "qasm.syntax");
            else driver.Succeed(r);
        });
        Assert.Equal((NodeState.Failed, 1), (driver["opt[0].fan[17]"].State, driver["opt[0].fan[17]"].Attempt));
        Assert.Equal(NodeState.Failed, driver["opt[0].fan"].State);
        Assert.Equal(NodeState.Omitted, driver["opt[0].all"].State);
        Assert.Equal(NodeState.Failed, driver["opt"].State);
        Assert.Equal(RunStatus.Failed, driver.Run.Status);
        Assert.Equal(72, driver.Dispatched.Count);
    }

    [Fact]
    public void Acceptance_2_with_depends_on_any_success_the_join_runs_with_a_gap_where_the_child_failed_and_the_run_proceeds()
    {
        var driver = Driver(", 'depends': 'nodes.fan.AnySucceeded'");
        driver.RunToQuiet(r =>
        {
            if (r.Instance.Index == 17) driver.Fail(r, "qasm.syntax");
            else driver.Succeed(r);
        });
        Assert.Equal(RunStatus.Succeeded, driver.Run.Status);
        Assert.Equal(NodeState.Succeeded, driver["opt[4].all"].State);
        var counts = driver["opt[4].all"].Outputs!["counts"]!.AsArray();
        Assert.Null(counts[17]);
        Assert.Equal(71, counts.Count(c => c is not null));
        Assert.Equal(5 * 72, driver.Dispatched.Count);
    }

    [Fact]
    public void A_loop_ends_when_until_holds_and_its_body_reads_the_outputs_of_the_iteration_before()
    {
        var driver = new RunDriver(Compile("""
            {'name': 'vqe', 'nodes': [
              {'id': 'opt', 'kind': 'loop', 'maxIterations': 50, 'until': 'nodes.step.outputs.cost < 0.1', 'outputs': {'theta': 'nodes.step.outputs.theta'}, 'body': [
                {'id': 'eval', 'kind': 'task', 'circuit': {'qasm': 'OPENQASM 3; input float t; qubit q; rx(t) q;', 'parameters': {'t': 'ifdef(nodes.opt.outputs.theta, 1)'}}},
                {'id': 'step', 'kind': 'task', 'command': {'name': 'spsa'}, 'after': ['eval'],
                 'outputs': {'theta': 'application/vnd.qonduit.number', 'cost': 'application/vnd.qonduit.number'}}]}]}
            """));
        driver.RunToQuiet(r =>
        {
            if (r.Instance.Node.Command is null) driver.Succeed(r);
            else
            {
                // The step halves theta, read from the circuit's parameter of this iteration; cost is theta itself.
                var theta = driver.Dispatched.Last(d => d.Instance.Key == r.Instance.Key.Replace("step", "eval")).Parameters["t"] / 2;
                driver.Succeed(r, new JsonObject { ["theta"] = theta, ["cost"] = theta });
            }
        });
        Assert.Equal(RunStatus.Succeeded, driver.Run.Status);
        Assert.Equal([1, 0.5, 0.25, 0.125], driver.Dispatched.Where(d => d.Instance.Node.Circuit is not null).Select(d => d.Parameters["t"]));
        Assert.Equal(4, driver["opt"].Count);
        Assert.Equal(0.0625, driver["opt"].Outputs!["theta"]!.GetValue<double>());
    }

    [Fact]
    public void A_join_on_any_fires_at_the_first_success_and_cancels_the_tasks_still_running()
    {
        var driver = new RunDriver(Compile("""
            {'name': 'race', 'inputs': {'circuits': 'application/qasm[]'}, 'nodes': [
              {'id': 'fan', 'kind': 'map', 'over': 'inputs.circuits', 'template': {'kind': 'task', 'inputs': {'circuit': 'item'}, 'circuit': {}}},
              {'id': 'first', 'kind': 'join', 'from': 'fan', 'mode': 'any'}]}
            """), new JsonObject { ["circuits"] = new JsonArray("a", "b", "c") });
        var attempts = driver.Advance();
        driver.Succeed(attempts[1]);
        driver.Advance();
        Assert.Equal(NodeState.Succeeded, driver["first"].State);
        Assert.Equal([attempts[0].Instance.TaskId!.Value, attempts[2].Instance.TaskId!.Value], driver.Cancelled);
        Assert.Equal(NodeState.Cancelled, driver["fan[0]"].State);
        Assert.Equal(NodeState.Succeeded, driver["fan"].State);
        Assert.Equal(RunStatus.Succeeded, driver.Run.Status);
    }

    [Fact]
    public void When_skips_a_node_a_failure_omits_its_dependents_and_the_rest_of_the_run_goes_on()
    {
        var driver = new RunDriver(Compile("""
            {'name': 'g', 'inputs': {'mode': 'text/plain'}, 'nodes': [
              {'id': 'a', 'kind': 'task', 'command': {'name': 'a'}, 'retry': {'maxAttempts': 1}},
              {'id': 'b', 'kind': 'task', 'command': {'name': 'b'}, 'after': ['a']},
              {'id': 'c', 'kind': 'task', 'command': {'name': 'c'}, 'when': 'inputs.mode == \u0027full\u0027'},
              {'id': 'd', 'kind': 'task', 'command': {'name': 'd'}, 'after': ['c']},
              {'id': 'e', 'kind': 'task', 'command': {'name': 'e'}}]}
            """), new JsonObject { ["mode"] = "quick" });
        driver.RunToQuiet(r =>
        {
            if (r.Instance.Key == "a") driver.Fail(r, "command.failed");
            else driver.Succeed(r, []);
        });
        Assert.Equal(["a", "d", "e"], driver.Dispatched.Select(d => d.Instance.Key).Order());
        Assert.Equal(
            [NodeState.Failed, NodeState.Omitted, NodeState.Skipped, NodeState.Succeeded, NodeState.Succeeded],
            new[] { "a", "b", "c", "d", "e" }.Select(k => driver[k].State));
        Assert.Equal(RunStatus.Failed, driver.Run.Status);
    }

    [Fact]
    public void Abort_on_failure_cancels_the_rest_at_once_and_a_cancelled_run_cancels_its_running_tasks()
    {
        const string Graph = """
            {'name': 'g', ABORT 'nodes': [
              {'id': 'a', 'kind': 'task', 'command': {'name': 'a'}, 'retry': {'maxAttempts': 1}},
              {'id': 'slow', 'kind': 'task', 'command': {'name': 's'}}]}
            """;
        var aborting = new RunDriver(Compile(Graph.Replace("ABORT", "'abortRunOnNodeFailure': true,")));
        var attempts = aborting.Advance();
        aborting.Fail(attempts[0], "command.failed");
        aborting.Advance();
        Assert.Equal(RunStatus.Failed, aborting.Run.Status);
        Assert.Equal(NodeState.Cancelled, aborting["slow"].State);
        Assert.Equal([attempts[1].Instance.TaskId!.Value], aborting.Cancelled);

        var cancelled = new RunDriver(Compile(Graph.Replace("ABORT", "")));
        var running = cancelled.Advance();
        Assert.Equal(running.Select(r => r.Instance.TaskId!.Value), RunPlanner.Cancel(cancelled.Run, cancelled.Now));
        Assert.Equal(RunStatus.Cancelled, cancelled.Run.Status);
        Assert.All(cancelled.Run.Instances.Values, i => Assert.Equal(NodeState.Cancelled, i.State));
        Assert.Empty(RunPlanner.Advance(cancelled.Run, cancelled.Now).Dispatches);
    }

    [Fact]
    public void Every_transition_is_kept_for_its_event_and_every_changed_instance_for_its_row()
    {
        var driver = new RunDriver(Compile("{'name': 'g', 'nodes': [{'id': 'a', 'kind': 'task', 'command': {'name': 'a'}}]}"));
        var attempt = Assert.Single(driver.Advance());
        var (changes, touched) = driver.Run.TakeChanges();
        Assert.Equal([new NodeChange("a", NodeState.Pending, NodeState.Running, NodeEvent.Start)], changes);
        Assert.Equal(["a"], touched.Select(t => t.Key));
        driver.Succeed(attempt, []);
        driver.Advance();
        Assert.Equal(NodeState.Succeeded, Assert.Single(driver.Run.TakeChanges().Changes).To);
        Assert.Equal(RunStatus.Succeeded, driver.Run.Status);
    }
}
