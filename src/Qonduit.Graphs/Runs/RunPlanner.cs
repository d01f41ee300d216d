using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

/// <summary>An attempt to start: the engine submits it as a task linked to (run, <see cref="Instance"/>, <see cref="Attempt"/>).</summary>
public sealed record AttemptRequest(NodeInstance Instance, int Attempt, JsonObject Inputs, IReadOnlyDictionary<string, double> Parameters);

/// <summary>What one <see cref="RunPlanner.Advance"/> asks of the engine, and when to call it again if nothing else happens.</summary>
public sealed record PlanStep(IReadOnlyList<AttemptRequest> Dispatches, IReadOnlyList<Guid> Cancels, DateTimeOffset? NextDueAt);

/// <summary>
/// The pure core of runs (docs/orchestration.md §4 "Runs"): given a run's node instances and the time, it moves every
/// node whose conditions are settled — starts attempts, skips, omits, fans a map out over its list, fires joins, begins
/// a loop's next iteration, ends composites when their children have ended — until nothing more moves, and says which
/// attempts to submit and which tasks to cancel. Attempts' outcomes come back through <see cref="AttemptSucceeded"/> and
/// <see cref="AttemptFailed"/>. The engine commits every change it makes with the tasks it implies.
/// </summary>
public static partial class RunPlanner
{
    public const int MaxMapItems = 10_000;

    public static PlanStep Advance(RunState run, DateTimeOffset now)
    {
        var pass = new Pass(run, now);
        if (run.Status != RunStatus.Running) return pass.Step;
        // Each pass walks every scope in order; one that moved something is followed by another, since a node that
        // ended may settle one walked before it (a join's map, a loop's next iteration).
        for (var passes = 0; passes < 64 + run.Instances.Count; passes++)
        {
            var before = pass.Moves;
            var root = new ScopeFrame(run, run.Graph.Root, "", null);
            if (pass.Walk(root))
            {
                run.Status = pass.Unhandled(root) is null ? RunStatus.Succeeded : RunStatus.Failed;
                break;
            }
            if (run.Graph.AbortRunOnNodeFailure && run.Instances.Values.FirstOrDefault(i => i.State is NodeState.Failed or NodeState.Errored) is { } failed)
            {
                pass.CancelAll($"{failed.Key} {failed.State.ToString().ToLowerInvariant()} and the graph aborts on a node's failure");
                run.Status = RunStatus.Failed;
                break;
            }
            if (pass.Moves == before) break;
        }
        return pass.Step;
    }

    /// <summary>The attempt of a Running task node completed with <paramref name="outputs"/>.</summary>
    public static void AttemptSucceeded(RunState run, string key, JsonObject outputs, DateTimeOffset now)
    {
        var instance = run.Instances[key];
        if (instance.State != NodeState.Running) return;
        instance.Outputs = outputs;
        run.Move(instance, NodeEvent.Succeed, now);
    }

    /// <summary>
    /// The attempt failed with <paramref name="code"/>: retried after the policy's delay, or failed for good (always when
    /// <paramref name="final"/>: a task someone cancelled is not run again behind their back).
    /// </summary>
    public static void AttemptFailed(RunState run, string key, string? code, string message, DateTimeOffset now, bool final = false)
    {
        var instance = run.Instances[key];
        if (instance.State != NodeState.Running) return;
        (instance.ErrorCode, instance.Error) = (code, message);
        var policy = instance.Node.Retry;
        if (!final && policy.Retries(instance.Attempt, code))
        {
            instance.DueAt = now + policy.DelayAfter(instance.Attempt);
            run.Move(instance, NodeEvent.FailRetryable, now, $"attempt {instance.Attempt} failed ({code}); attempt {instance.Attempt + 1} at {instance.DueAt:O}");
        }
        else
            run.Move(instance, NodeEvent.Fail, now, $"attempt {instance.Attempt} failed ({code})" + (policy.NonRetryable.Contains(code ?? "") ? ", which is not retried" : ""));
    }

    /// <summary>The engine could not submit the attempt (admission refused it): the node is Errored with that code.</summary>
    public static void AttemptRefused(RunState run, string key, string code, string message, DateTimeOffset now)
    {
        var instance = run.Instances[key];
        if (NodeAutomaton.IsTerminal(instance.State)) return;
        (instance.ErrorCode, instance.Error) = (code, message);
        run.Move(instance, NodeEvent.Error, now, message);
    }

    /// <summary>Cancels every node that has not ended; returns the tasks of attempts under way, for the engine to cancel.</summary>
    public static IReadOnlyList<Guid> Cancel(RunState run, DateTimeOffset now)
    {
        var pass = new Pass(run, now);
        if (run.Status != RunStatus.Running) return [];
        pass.CancelAll("the run was cancelled");
        run.Status = RunStatus.Cancelled;
        return pass.Step.Cancels;
    }
}
