using Qonduit.Graphs.Runs;

namespace Qonduit.Graphs.Tests.Runs;

public sealed class NodeAutomatonTests
{
    [Fact]
    public void A_node_starts_from_pending_and_each_attempt_ends_in_success_a_retry_or_a_final_state()
    {
        Assert.Equal(NodeState.Running, NodeAutomaton.Next(NodeState.Pending, NodeEvent.Start));
        Assert.Equal(NodeState.Retrying, NodeAutomaton.Next(NodeState.Running, NodeEvent.FailRetryable));
        Assert.Equal(NodeState.Running, NodeAutomaton.Next(NodeState.Retrying, NodeEvent.Retry));
        Assert.Equal(NodeState.Succeeded, NodeAutomaton.Next(NodeState.Running, NodeEvent.Succeed));
        Assert.Equal(NodeState.Failed, NodeAutomaton.Next(NodeState.Running, NodeEvent.Fail));
        Assert.Equal(NodeState.Omitted, NodeAutomaton.Next(NodeState.Pending, NodeEvent.Omit));
        Assert.Equal(NodeState.Skipped, NodeAutomaton.Next(NodeState.Pending, NodeEvent.Skip));
        Assert.Equal(NodeState.Errored, NodeAutomaton.Next(NodeState.Retrying, NodeEvent.Error));
        Assert.Equal(NodeState.Cancelled, NodeAutomaton.Next(NodeState.Retrying, NodeEvent.Cancel));
    }

    [Fact]
    public void Only_a_pending_node_is_skipped_or_omitted_and_only_a_running_one_succeeds()
    {
        Assert.Null(NodeAutomaton.Next(NodeState.Running, NodeEvent.Omit));
        Assert.Null(NodeAutomaton.Next(NodeState.Retrying, NodeEvent.Succeed));
        Assert.Null(NodeAutomaton.Next(NodeState.Pending, NodeEvent.Succeed));
        Assert.Null(NodeAutomaton.Next(NodeState.Running, NodeEvent.Retry));
    }

    [Fact]
    public void Every_terminal_state_absorbs_every_event_and_every_other_state_can_be_cancelled()
    {
        foreach (var state in Enum.GetValues<NodeState>())
        {
            Assert.Equal(state >= NodeState.Succeeded, NodeAutomaton.IsTerminal(state));
            foreach (var trigger in Enum.GetValues<NodeEvent>())
                if (NodeAutomaton.IsTerminal(state)) Assert.Null(NodeAutomaton.Next(state, trigger));
            if (!NodeAutomaton.IsTerminal(state)) Assert.Equal(NodeState.Cancelled, NodeAutomaton.Next(state, NodeEvent.Cancel));
        }
        Assert.Equal(13, NodeAutomaton.Transitions.Count());
    }
}
