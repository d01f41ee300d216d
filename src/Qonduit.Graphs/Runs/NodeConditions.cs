using Qonduit.Graphs.Definition;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

/// <summary>What a pending node's conditions say now.</summary>
public enum Readiness
{
    /// <summary>`depends` or `when` reads a node that has not ended: ask again when one does.</summary>
    Wait,
    Start,
    Skip,
    Omit,

    /// <summary>An expression gave ERROR (a string in arithmetic, a division by zero): the node is Errored.</summary>
    Error,
}

/// <summary>
/// Decides a pending node from its `depends` (Argo's; default: every upstream node Succeeded or Skipped) and `when`:
/// TRUE starts it (or skips it when `when` is FALSE), FALSE omits it — a FALSE is reached only once the states it reads
/// can no longer change, which is how dependents of a failure become Omitted — and UNDEFINED waits.
/// </summary>
public static class NodeConditions
{
    public static Readiness Decide(GraphNode node, RunScope scope)
    {
        var depends = node.Depends is { } expression ? Expressions.Evaluate(expression, scope) : DefaultDepends(node, scope);
        switch (Truth(depends))
        {
            case Readiness.Start: break;
            case var other: return other;
        }
        if (node.When is null) return Readiness.Start;
        return Truth(Expressions.Evaluate(node.When, scope)) switch
        {
            Readiness.Omit => Readiness.Skip,
            var other => other,
        };
    }

    /// <summary>Every upstream node Succeeded or Skipped, in three-valued logic: one that ended otherwise is FALSE at once.</summary>
    private static Value DefaultDepends(GraphNode node, RunScope scope)
    {
        var result = Value.True;
        foreach (var up in node.Upstream)
        {
            var ok = scope.Read($"nodes.{up}.Succeeded") is { Kind: ValueKind.Undefined } unknown
                ? unknown
                : Value.Of(scope.Read($"nodes.{up}.Succeeded").IsTrue || scope.Read($"nodes.{up}.Skipped").IsTrue);
            if (ok == Value.False) return Value.False;
            if (ok.Kind == ValueKind.Undefined) result = Value.Undefined;
        }
        return result;
    }

    private static Readiness Truth(Value value) => value.Kind switch
    {
        ValueKind.Undefined => Readiness.Wait,
        ValueKind.Number => value.IsTrue ? Readiness.Start : Readiness.Omit,
        _ => Readiness.Error,
    };
}
