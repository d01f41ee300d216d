using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Graphs.Definition;

public static partial class GraphCompiler
{
    /// <summary>Node states an expression reads as `nodes.&lt;id&gt;.&lt;State&gt;` (Argo's), and a map's aggregates.</summary>
    public static readonly IReadOnlySet<string> StateNames = new HashSet<string>(StringComparer.Ordinal) { "Succeeded", "Failed", "Errored", "Skipped", "Omitted" };

    public static readonly IReadOnlySet<string> MapStateNames = new HashSet<string>(StringComparer.Ordinal) { "AnySucceeded", "AllFailed" };

    private sealed partial class Builder
    {
        private readonly Dictionary<GraphNode, bool> _resolved = [];

        /// <summary>Resolves every node of the scope and of the scopes inside it.</summary>
        public void Resolve(GraphScope scope)
        {
            foreach (var node in scope.Nodes.ToList()) Ensure(node);
        }

        /// <summary>Resolves a node once; met again while its resolution is under way, the graph reads itself in a circle.</summary>
        private void Ensure(GraphNode node)
        {
            if (_resolved.TryGetValue(node, out var done))
            {
                if (done) return;
                throw new GraphException(ErrorCodes.Graph.Cycle, node.Path, "the node's outputs are defined through themselves");
            }
            _resolved[node] = false;
            var d = _definitions[node];
            var scope = node.Scope;
            foreach (var up in d.After ?? [])
                Find(up ?? "", scope, node, $"{node.Path}.after", readsOutputs: false);
            if (node.Depends is { } depends) Names(depends, scope, node, $"{node.Path}.depends");
            if (node.When is { } when) Names(when, scope, node, $"{node.Path}.when");
            switch (node.Kind)
            {
                case NodeKind.Task:
                    TaskPorts(node, d, scope);
                    break;
                case NodeKind.Map:
                    node.Over = SourceOf(d.Over!, scope, node, $"{node.Path}.over");
                    if (!node.Over.Type.IsList)
                        throw Mismatch($"{node.Path}.over", $"a map fans out over a list, but {node.Over} is {node.Over.Type}");
                    Ensure(node.Template!);
                    break;
                case NodeKind.Join:
                    var map = Find(node.From!, scope, node, $"{node.Path}.from", readsOutputs: false);
                    if (map.Kind != NodeKind.Map || !scope.ById.ContainsKey(map.Id))
                        throw new GraphException(ErrorCodes.Graph.UnknownReference, $"{node.Path}.from", $"'{node.From}' is not a map of the join's own scope");
                    Ensure(map);
                    break;
                default:
                    Resolve(node.Body!);
                    if (node.Until is { } until) Names(until, node.Body!, null, $"{node.Path}.until");
                    break;
            }
            OutputsOf(node);
            _resolved[node] = true;
        }

        private readonly Dictionary<GraphNode, bool> _typed = [];

        /// <summary>
        /// A node's outputs and their types, apart from resolving the node: a loop's body may read the loop's outputs
        /// (of the iteration before) while the loop is being resolved. A task's are known when it is built; a map's are
        /// its template's as lists, a join's its map's, a loop's or subgraph's the body outputs it names.
        /// </summary>
        private Dictionary<string, MediaType> OutputsOf(GraphNode node)
        {
            if (node.Kind == NodeKind.Task || _typed.GetValueOrDefault(node)) return node.Outputs;
            if (!_typed.TryAdd(node, false))
                throw new GraphException(ErrorCodes.Graph.Cycle, node.Path, "the node's outputs are defined through themselves");
            switch (node.Kind)
            {
                case NodeKind.Map:
                    foreach (var (name, type) in OutputsOf(node.Template!)) node.Outputs[name] = type.ListOf();
                    break;
                case NodeKind.Join:
                    if (node.Scope.ById.GetValueOrDefault(node.From!) is { Kind: NodeKind.Map } map)
                        foreach (var (name, type) in OutputsOf(map)) node.Outputs[name] = type;
                    break;
                default:
                    var d = _definitions[node];
                    foreach (var (name, text) in d.Outputs ?? new Dictionary<string, string>())
                    {
                        var where = $"{node.Path}.outputs.{name}";
                        if ((text ?? "").Split('.') is not ["nodes", var id, "outputs", var field] || !node.Body!.ById.TryGetValue(id, out var inner))
                            throw new GraphException(ErrorCodes.Graph.UnknownReference, where, $"a {d.Kind}'s output is one of its body's nodes' outputs (nodes.<id>.outputs.<field>), not {text}");
                        var type = OutputsOf(inner).TryGetValue(field, out var produced)
                            ? produced
                            : throw new GraphException(ErrorCodes.Graph.UnknownReference, where, $"node '{id}' has no output '{field}'");
                        node.BodyOutputs[name] = new Source(SourceKind.NodeOutput, id, field, type);
                        node.Outputs[name] = type;
                    }
                    break;
            }
            _typed[node] = true;
            return node.Outputs;
        }

        private void TaskPorts(GraphNode node, Contracts.Graphs.GraphNodeDefinition d, GraphScope scope)
        {
            foreach (var (port, text) in d.Inputs ?? new Dictionary<string, string>())
                node.Inputs[port] = SourceOf(text ?? "", scope, node, $"{node.Path}.inputs.{port}");
            if (node.Circuit is { } circuit)
            {
                foreach (var port in node.Inputs.Keys.Where(p => p != "circuit"))
                    throw Invalid($"{node.Path}.inputs.{port}", "a circuit task's one port is circuit (its parameters are expressions under circuit.parameters)");
                if (node.Inputs.TryGetValue("circuit", out var edge))
                {
                    if (circuit.Qasm is not null) throw Invalid($"{node.Path}.circuit.qasm", "the circuit is written here or arrives on the circuit port, not both");
                    Check(edge, MediaType.Qasm, $"{node.Path}.inputs.circuit");
                }
                else if (circuit.Qasm is null) throw Invalid($"{node.Path}.circuit.qasm", "give the circuit's text, or wire its circuit port (inputs.circuit)");
                foreach (var (name, expression) in circuit.Parameters) Names(expression, scope, node, $"{node.Path}.circuit.parameters.{name}");
                return;
            }
            foreach (var (port, type) in d.InputTypes ?? new Dictionary<string, string>())
            {
                var where = $"{node.Path}.inputTypes.{port}";
                if (!node.Inputs.TryGetValue(port, out var edge)) throw Invalid(where, $"the command has no input '{port}' to type");
                Check(edge, Type(type, where), $"{node.Path}.inputs.{port}");
            }
        }

        private static void Check(Source edge, MediaType accepted, string where)
        {
            if (!accepted.Accepts(edge.Type))
                throw Mismatch(where, $"{edge} carries {edge.Type}, but the port accepts {accepted}");
        }

        private static GraphException Mismatch(string where, string reason) => new(ErrorCodes.Graph.EdgeTypeMismatch, where, reason);

        /// <summary>A data source: `nodes.&lt;id&gt;.outputs.&lt;field&gt;`, `inputs.&lt;name&gt;` or (in a map's template) `item`.</summary>
        private Source SourceOf(string text, GraphScope scope, GraphNode? reader, string where)
        {
            var parts = text.Split('.');
            if (parts is ["item"])
            {
                var map = EnclosingMap(scope) ?? throw new GraphException(ErrorCodes.Graph.UnknownReference, where, "item is read only in a map's template");
                return new Source(SourceKind.Item, map.Id, "item", map.Over!.Type.Item);
            }
            if (parts is ["inputs", var input])
                return runInputs.TryGetValue(input, out var type)
                    ? new Source(SourceKind.RunInput, null, input, type)
                    : throw new GraphException(ErrorCodes.Graph.UnknownReference, where, $"the graph declares no input '{input}'");
            if (parts is not ["nodes", var id, "outputs", var field])
                throw Invalid(where, $"'{text}' is not a source: nodes.<id>.outputs.<field>, inputs.<name> or item");
            var node = Find(id, scope, reader, where, readsOutputs: true);
            return OutputsOf(node).TryGetValue(field, out var produced)
                ? new Source(SourceKind.NodeOutput, id, field, produced)
                : throw new GraphException(ErrorCodes.Graph.UnknownReference, where, $"node '{id}' has no output '{field}'; it has {string.Join(", ", node.Outputs.Keys.DefaultIfEmpty("none"))}");
        }

        /// <summary>Checks every name an expression reads, recording the upstream nodes it waits for.</summary>
        private void Names(Expr expression, GraphScope scope, GraphNode? reader, string where)
        {
            foreach (var name in Expressions.Names(expression))
            {
                var at = $"{where} (column {name.Column})";
                var parts = name.Name.Split('.');
                switch (parts)
                {
                    case ["index"] when EnclosingMap(scope) is not null:
                        continue;
                    case ["nodes", var id, var state] when StateNames.Contains(state) || MapStateNames.Contains(state):
                        var node = Find(id, scope, reader, at, readsOutputs: false);
                        if (MapStateNames.Contains(state) && node.Kind != NodeKind.Map)
                            throw Invalid(at, $"{state} is a map's; '{id}' is a {node.Kind.ToString().ToLowerInvariant()}");
                        continue;
                    case ["nodes", _, "outputs", _] or ["inputs", _] or ["item"]:
                        var source = SourceOf(name.Name, scope, reader, at);
                        if (!source.Type.IsScalar)
                            throw Mismatch(at, $"an expression reads numbers and text; {source} is {source.Type}");
                        continue;
                    default:
                        throw new GraphException(ErrorCodes.Graph.UnknownReference, at,
                            $"'{name.Name}' is not a name of a graph: nodes.<id>.<state>, nodes.<id>.outputs.<field>, inputs.<name>, or in a map's template item and index");
                }
            }
        }

        private static GraphNode? EnclosingMap(GraphScope scope)
        {
            for (var s = scope; s is not null; s = s.Parent)
                if (s.Owner is { Kind: NodeKind.Map } map) return map;
            return null;
        }

        /// <summary>
        /// The node <paramref name="id"/> names as seen from <paramref name="scope"/>: its own scope first, then the
        /// enclosing ones. The reader's ancestor in the found node's scope waits for it (a body that reads outside its
        /// loop makes the loop wait). A loop's body may read the loop's own outputs: those of the iteration before.
        /// </summary>
        private static GraphNode Find(string id, GraphScope scope, GraphNode? reader, string where, bool readsOutputs)
        {
            var (element, elementScope) = (reader, scope);
            for (var s = scope; s is not null; s = s.Parent)
            {
                while (elementScope != s)
                    (element, elementScope) = (elementScope.Owner, elementScope.Parent!);
                if (!s.ById.TryGetValue(id, out var found)) continue;
                if (found == element)
                {
                    if (s == scope) throw new GraphException(ErrorCodes.Graph.Cycle, where, $"node '{id}' reads itself");
                    if (found.Kind == NodeKind.Loop && readsOutputs) return found;
                    throw new GraphException(ErrorCodes.Graph.UnknownReference, where,
                        $"'{id}' encloses this node: inside it, only a loop's outputs (those of the iteration before) are read");
                }
                element?.Upstream.Add(found.Id);
                return found;
            }
            throw new GraphException(ErrorCodes.Graph.UnknownReference, where, $"no node '{id}' is visible here (a node sees its own scope and those around it)");
        }
    }
}
