namespace Qonduit.Graphs.Runs;

/// <summary>
/// A node's state in a run. `depends` reads the five of Argo's that end a node normally (Succeeded, Failed, Errored,
/// Skipped, Omitted); Cancelled ends what a cancelled run (or a join that fired early) stopped.
/// </summary>
public enum NodeState
{
    /// <summary>Waiting for its upstream to settle `depends`, `when` and its inputs.</summary>
    Pending,

    /// <summary>An attempt is under way: its task queued or running (a map's, loop's or subgraph's children are).</summary>
    Running,

    /// <summary>An attempt failed and another is due after the retry delay.</summary>
    Retrying,

    Succeeded,

    /// <summary>The node's work failed: its last attempt's task failed, or a failure no retry may mend.</summary>
    Failed,

    /// <summary>Qonduit could not run it: its inputs could not be bound, an expression gave ERROR, admission refused it.</summary>
    Errored,

    /// <summary>`depends` held but `when` did not.</summary>
    Skipped,

    /// <summary>`depends` can no longer hold, or an input's producer did not succeed.</summary>
    Omitted,

    Cancelled,
}

public enum NodeEvent
{
    Start,
    Skip,
    Omit,
    Succeed,

    /// <summary>An attempt failed and the retry policy leaves another.</summary>
    FailRetryable,

    /// <summary>An attempt failed for good: no attempts left, or a non-retryable code.</summary>
    Fail,

    /// <summary>The retry delay has passed: the next attempt starts.</summary>
    Retry,
    Error,
    Cancel,
}

/// <summary>
/// The one table of node transitions (docs/orchestration.md §4 "Node states"), as TaskAutomaton is for tasks: the run
/// engine commits each transition with its event, and anything not in the table is refused, not guessed.
/// </summary>
public static class NodeAutomaton
{
    private static readonly Dictionary<(NodeState, NodeEvent), NodeState> Table = new()
    {
        [(NodeState.Pending, NodeEvent.Start)] = NodeState.Running,
        [(NodeState.Pending, NodeEvent.Skip)] = NodeState.Skipped,
        [(NodeState.Pending, NodeEvent.Omit)] = NodeState.Omitted,
        [(NodeState.Pending, NodeEvent.Error)] = NodeState.Errored,
        [(NodeState.Pending, NodeEvent.Cancel)] = NodeState.Cancelled,
        [(NodeState.Running, NodeEvent.Succeed)] = NodeState.Succeeded,
        [(NodeState.Running, NodeEvent.FailRetryable)] = NodeState.Retrying,
        [(NodeState.Running, NodeEvent.Fail)] = NodeState.Failed,
        [(NodeState.Running, NodeEvent.Error)] = NodeState.Errored,
        [(NodeState.Running, NodeEvent.Cancel)] = NodeState.Cancelled,
        [(NodeState.Retrying, NodeEvent.Retry)] = NodeState.Running,
        [(NodeState.Retrying, NodeEvent.Error)] = NodeState.Errored,
        [(NodeState.Retrying, NodeEvent.Cancel)] = NodeState.Cancelled,
    };

    public static bool IsTerminal(NodeState state) => state >= NodeState.Succeeded;

    /// <summary>The state after <paramref name="trigger"/>, or null when the table has no such transition.</summary>
    public static NodeState? Next(NodeState from, NodeEvent trigger) => Table.TryGetValue((from, trigger), out var to) ? to : null;

    /// <summary>Every transition of the table, for the documentation and its test.</summary>
    public static IEnumerable<(NodeState From, NodeEvent Trigger, NodeState To)> Transitions =>
        Table.Select(t => (t.Key.Item1, t.Key.Item2, t.Value));
}
