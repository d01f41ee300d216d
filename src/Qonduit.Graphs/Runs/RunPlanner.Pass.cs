using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

public static partial class RunPlanner
{
    /// <summary>One call's walk over the run: what it moved, and what it asks of the engine.</summary>
    private sealed partial class Pass(RunState run, DateTimeOffset now)
    {
        private readonly List<AttemptRequest> _dispatches = [];
        private readonly List<Guid> _cancels = [];
        private DateTimeOffset? _nextDue;

        public int Moves { get; private set; }

        public PlanStep Step => new(_dispatches, _cancels, _nextDue);

        /// <summary>Moves every node of the scope instance it can; true when all of them have ended.</summary>
        public bool Walk(ScopeFrame frame)
        {
            var ended = true;
            foreach (var node in frame.Scope.Nodes)
            {
                var key = frame.KeyOf(node);
                var instance = run.Instances.GetValueOrDefault(key) ?? Created(run.Add(key, node));
                Process(frame, instance);
                ended &= NodeAutomaton.IsTerminal(instance.State);
            }
            return ended;
        }

        private NodeInstance Created(NodeInstance instance)
        {
            Moves++;
            return instance;
        }

        private void Move(NodeInstance instance, NodeEvent trigger, string? detail = null)
        {
            run.Move(instance, trigger, now, detail);
            Moves++;
        }

        private void Process(ScopeFrame frame, NodeInstance instance)
        {
            switch (instance.State)
            {
                case NodeState.Pending:
                    var readiness = instance.Node.Kind == NodeKind.Join ? JoinReadiness(frame, instance) : NodeConditions.Decide(instance.Node, frame.Names);
                    switch (readiness)
                    {
                        case Readiness.Start: Begin(frame, instance); break;
                        case Readiness.Skip: Move(instance, NodeEvent.Skip, "when does not hold"); break;
                        case Readiness.Omit: Move(instance, NodeEvent.Omit, "depends can no longer hold"); break;
                        case Readiness.Error: Errored(instance, ErrorCodes.Graph.ExpressionError, "depends or when gave ERROR"); break;
                    }
                    break;
                case NodeState.Retrying when instance.DueAt <= now:
                    Move(instance, NodeEvent.Retry, $"attempt {instance.Attempt + 1}");
                    Dispatch(frame, instance);
                    break;
                case NodeState.Retrying:
                    _nextDue = _nextDue is { } due && due < instance.DueAt ? due : instance.DueAt;
                    break;
                case NodeState.Running when instance.Node.Kind != NodeKind.Task:
                    Progress(frame, instance);
                    break;
            }
        }

        private void Errored(NodeInstance instance, string code, string message)
        {
            (instance.ErrorCode, instance.Error) = (code, message);
            Move(instance, NodeEvent.Error, message);
        }

        private void Begin(ScopeFrame frame, NodeInstance instance)
        {
            var node = instance.Node;
            switch (node.Kind)
            {
                case NodeKind.Task:
                    if (Bind(frame, instance) is not { } bound) return;
                    Move(instance, NodeEvent.Start);
                    Dispatch(instance, bound.Inputs, bound.Parameters);
                    return;
                case NodeKind.Map:
                    if (Resolve(frame, instance, node.Over!) is not { } over) return;
                    if (over is not JsonArray items || items.Count > MaxMapItems)
                    {
                        Errored(instance, ErrorCodes.Graph.NotAList, $"{node.Over} is not a list of at most {MaxMapItems} items");
                        return;
                    }
                    Move(instance, NodeEvent.Start, $"{items.Count} items");
                    instance.Count = items.Count;
                    for (var k = 0; k < items.Count; k++) run.Add($"{instance.Key}[{k}]", node.Template!, items[k]?.DeepClone(), k);
                    break;
                case NodeKind.Join:
                    Move(instance, NodeEvent.Start);
                    var map = frame.Find(node.From!)!;
                    instance.Outputs = Gathered(map);
                    if (!NodeAutomaton.IsTerminal(map.State)) CancelChildren(map, $"{instance.Key} fired on {node.Mode.ToString().ToLowerInvariant()}");
                    Move(instance, NodeEvent.Succeed);
                    return;
                case NodeKind.Loop:
                    Move(instance, NodeEvent.Start, "iteration 0");
                    instance.Count = 1;
                    break;
                default:
                    Move(instance, NodeEvent.Start);
                    break;
            }
            Progress(frame, instance);
        }

        /// <summary>A join fires when its mode is met — every item ended, one succeeded, k succeeded — then reads its depends.</summary>
        private Readiness JoinReadiness(ScopeFrame frame, NodeInstance join)
        {
            var map = frame.Find(join.Node.From!);
            if (map is null || map.State is NodeState.Pending or NodeState.Retrying) return NodeConditions.Decide(join.Node, frame.Names) == Readiness.Omit ? Readiness.Omit : Readiness.Wait;
            var children = Children(map);
            var ended = NodeAutomaton.IsTerminal(map.State);
            var met = join.Node.Mode switch
            {
                JoinMode.Any => children.Count(c => c.State == NodeState.Succeeded) >= 1 || ended,
                JoinMode.Quorum => children.Count(c => c.State == NodeState.Succeeded) >= join.Node.Quorum || ended,
                _ => ended,
            };
            if (!met) return NodeConditions.Decide(join.Node, frame.Names) == Readiness.Omit ? Readiness.Omit : Readiness.Wait;
            if (join.Node.Depends is null && join.Node.Mode != JoinMode.All)
            {
                // Any and quorum:k are the join's own condition; once every item ended without meeting it, it cannot hold.
                var succeeded = children.Count(c => c.State == NodeState.Succeeded);
                return succeeded >= (join.Node.Mode == JoinMode.Any ? 1 : join.Node.Quorum) ? Readiness.Start : Readiness.Omit;
            }
            return NodeConditions.Decide(join.Node, frame.Names);
        }

        private static List<NodeInstance> Children(NodeInstance map) => map.Children;

        /// <summary>Each of the map's template outputs as a list in index order; null where the child did not succeed.</summary>
        private JsonObject Gathered(NodeInstance map)
        {
            var children = Children(map);
            var outputs = new JsonObject();
            foreach (var field in map.Node.Template!.Outputs.Keys)
                outputs[field] = new JsonArray([.. children.Select(c => c.State == NodeState.Succeeded ? c.Outputs?[field]?.DeepClone() : null)]);
            return outputs;
        }

        private void CancelChildren(NodeInstance map, string reason)
        {
            foreach (var child in Children(map).Where(c => !NodeAutomaton.IsTerminal(c.State))) Cancel(child, reason);
        }

        private void Cancel(NodeInstance instance, string reason)
        {
            if (instance.State == NodeState.Running && instance.Node.Kind == NodeKind.Task && instance.TaskId is { } task) _cancels.Add(task);
            Move(instance, NodeEvent.Cancel, reason);
        }

        public void CancelAll(string reason)
        {
            foreach (var instance in run.Instances.Values.Where(i => !NodeAutomaton.IsTerminal(i.State)).ToList()) Cancel(instance, reason);
        }

        /// <summary>Walks a composite's children; once they have all ended, ends it (or begins a loop's next iteration).</summary>
        private void Progress(ScopeFrame frame, NodeInstance instance)
        {
            var node = instance.Node;
            switch (node.Kind)
            {
                case NodeKind.Map:
                    var children = Children(instance);
                    var ended = true;
                    foreach (var child in children)
                    {
                        // A child waiting for its task has nothing to move: skipped without a frame, so a map of thousands
                        // costs a check per child, not an allocation.
                        if (NodeAutomaton.IsTerminal(child.State) || (child.State == NodeState.Running && child.Node.Kind == NodeKind.Task))
                        {
                            ended &= NodeAutomaton.IsTerminal(child.State);
                            continue;
                        }
                        var childFrame = new ScopeFrame(run, node.Body!, $"{instance.Key}[{child.Index}].", frame, child.Item, child.Index);
                        Process(childFrame, child);
                        ended &= NodeAutomaton.IsTerminal(child.State);
                    }
                    if (!ended) return;
                    instance.Outputs = Gathered(instance);
                    var failed = children.Count(c => c.State is NodeState.Failed or NodeState.Errored);
                    if (failed > 0) Move(instance, NodeEvent.Fail, $"{failed} of {children.Count} items failed");
                    else Move(instance, NodeEvent.Succeed);
                    return;
                case NodeKind.Loop:
                    var iteration = instance.Count - 1;
                    var body = new ScopeFrame(run, node.Body!, $"{instance.Key}[{iteration}].", frame);
                    if (!Walk(body)) return;
                    if (Unhandled(body) is { } failure)
                    {
                        Move(instance, NodeEvent.Fail, $"iteration {iteration}: {failure.Key} {failure.State.ToString().ToLowerInvariant()}");
                        return;
                    }
                    instance.Outputs = BodyOutputs(node, body);
                    run.Touch(instance);
                    var until = node.Until is null ? Value.False : Expressions.Evaluate(node.Until, body.Names);
                    if (until.Kind is ValueKind.Error or ValueKind.String)
                        Errored(instance, ErrorCodes.Graph.ExpressionError, $"until gave ERROR after iteration {iteration}");
                    else if (until.IsTrue) Move(instance, NodeEvent.Succeed, $"until held after iteration {iteration}");
                    else if (instance.Count == node.MaxIterations) Move(instance, NodeEvent.Succeed, $"{node.MaxIterations} iterations");
                    else
                    {
                        instance.Count++;
                        Moves++;
                    }
                    return;
                default:
                    var inner = new ScopeFrame(run, node.Body!, $"{instance.Key}.", frame);
                    if (!Walk(inner)) return;
                    if (Unhandled(inner) is { } failure2)
                    {
                        Move(instance, NodeEvent.Fail, $"{failure2.Key} {failure2.State.ToString().ToLowerInvariant()}");
                        return;
                    }
                    instance.Outputs = BodyOutputs(node, inner);
                    Move(instance, NodeEvent.Succeed);
                    return;
            }
        }

        private JsonObject BodyOutputs(GraphNode node, ScopeFrame body)
        {
            var outputs = new JsonObject();
            foreach (var (name, source) in node.BodyOutputs)
                outputs[name] = body.Find(source.Node!)?.Outputs?[source.Field]?.DeepClone();
            return outputs;
        }

        /// <summary>A node of the scope instance that failed or errored with no dependent that ran to handle it.</summary>
        public NodeInstance? Unhandled(ScopeFrame frame)
        {
            foreach (var node in frame.Scope.Nodes)
            {
                var instance = run.Instances[frame.KeyOf(node)];
                if (instance.State is not (NodeState.Failed or NodeState.Errored)) continue;
                var handled = frame.Scope.Nodes.Any(d => d.Upstream.Contains(node.Id)
                    && run.Instances[frame.KeyOf(d)].State is not (NodeState.Omitted or NodeState.Cancelled));
                if (!handled) return instance;
            }
            return null;
        }
    }
}
