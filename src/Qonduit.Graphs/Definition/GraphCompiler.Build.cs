using System.Globalization;
using Qonduit.Contracts.Graphs;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Graphs.Definition;

public static partial class GraphCompiler
{
    /// <summary>
    /// The first pass makes a node of every definition (its own fields checked, expressions parsed); the second
    /// (<see cref="Resolve"/>) reads the names, which may point to nodes defined later.
    /// </summary>
    private sealed partial class Builder(IReadOnlyDictionary<string, MediaType> runInputs)
    {
        private readonly Dictionary<GraphNode, GraphNodeDefinition> _definitions = [];

        public int Count { get; private set; }

        public void Build(IReadOnlyList<GraphNodeDefinition> definitions, GraphScope scope, string prefix, int depth)
        {
            if (depth > MaxDepth) throw new GraphException(ErrorCodes.Graph.TooLarge, scope.Owner!.Path, $"bodies and templates nest at most {MaxDepth} deep");
            foreach (var definition in definitions)
            {
                if (definition is null) throw Invalid(prefix, "a node is null");
                var node = Node(definition, scope, prefix, depth);
                if (!scope.ById.TryAdd(node.Id, node))
                    throw new GraphException(ErrorCodes.Graph.DuplicateNode, node.Path, $"another node of the same scope is called '{node.Id}'");
                scope.Nodes.Add(node);
            }
        }

        private GraphNode Node(GraphNodeDefinition d, GraphScope scope, string prefix, int depth, string? templateOf = null)
        {
            if (++Count > MaxNodes) throw new GraphException(ErrorCodes.Graph.TooLarge, prefix, $"a graph holds at most {MaxNodes} nodes, bodies and templates included");
            var id = templateOf is null ? d.Id : d.Id ?? "template";
            if (id is null || !IdPattern().IsMatch(id))
                throw Invalid($"{prefix}.{id ?? "?"}", "a node's id is a letter or '_' then up to 63 letters, digits or '_' (names read it as nodes.<id>)");
            var path = templateOf is null ? $"{prefix}.{id}" : $"{prefix}.template";
            var kind = Array.IndexOf(Kinds, d.Kind) is var k and >= 0
                ? (NodeKind)k
                : throw Invalid($"{path}.kind", $"'{d.Kind}' is not a node kind: {string.Join(", ", Kinds)}");
            Refuse(d, kind, path);
            var quorum = 0;
            var mode = kind == NodeKind.Join ? Mode(d.Mode, $"{path}.mode", out quorum) : default;
            var node = new GraphNode
            {
                Id = id,
                Kind = kind,
                Scope = scope,
                Path = path,
                Depends = d.Depends is null ? null : ParseExpression(d.Depends, $"{path}.depends"),
                When = d.When is null ? null : ParseExpression(d.When, $"{path}.when"),
                Retry = Retry(d.Retry, $"{path}.retry"),
                Requirement = d.Requirement,
                Consumer = d.Consumer,
                Circuit = d.Circuit is null ? null : Circuit(d.Circuit, $"{path}.circuit"),
                Command = d.Command is null ? null : Command(d.Command, $"{path}.command"),
                From = d.From,
                Mode = mode,
                Quorum = quorum,
                MaxIterations = kind == NodeKind.Loop ? Iterations(d.MaxIterations, $"{path}.maxIterations") : 1,
                Until = d.Until is null ? null : ParseExpression(d.Until, $"{path}.until"),
            };
            _definitions[node] = d;
            switch (kind)
            {
                case NodeKind.Task when (d.Circuit is null) == (d.Command is null):
                    throw Invalid(path, "a task runs a circuit or a command: give exactly one of circuit, command");
                case NodeKind.Task when d.Command is not null:
                    foreach (var (name, type) in d.Outputs ?? new Dictionary<string, string>())
                        node.Outputs[OutputName(name, $"{path}.outputs")] = Type(type, $"{path}.outputs.{name}");
                    break;
                case NodeKind.Task when d.Outputs is not null || d.InputTypes is not null:
                    throw Invalid(path, "a circuit task's ports and outputs are fixed (circuit in; counts and result out): outputs and inputTypes are for commands");
                case NodeKind.Task:
                    node.Outputs["counts"] = MediaType.Counts;
                    node.Outputs["result"] = MediaType.Result;
                    break;
                case NodeKind.Map:
                    if (d.Over is null) throw Invalid($"{path}.over", "a map fans out over a list: give over (nodes.<id>.outputs.<field> or inputs.<name>)");
                    if (d.Template is null) throw Invalid($"{path}.template", "a map needs the template node each item runs");
                    node.Body = new GraphScope(node, scope);
                    var template = Node(d.Template, node.Body, path, depth + 1, templateOf: id);
                    if (template.Kind is not (NodeKind.Task or NodeKind.Subgraph))
                        throw Invalid($"{path}.template.kind", "a map's template is a task or a subgraph");
                    node.Body.ById[template.Id] = template;
                    node.Body.Nodes.Add(template);
                    break;
                case NodeKind.Join when d.From is null:
                    throw Invalid($"{path}.from", "a join gathers the items of a map: give from (the map's id)");
                case NodeKind.Loop or NodeKind.Subgraph:
                    if (d.Body is not { Count: > 0 }) throw Invalid($"{path}.body", $"a {d.Kind} needs a body of at least one node");
                    if (kind == NodeKind.Loop && d.Until is null && d.MaxIterations is null)
                        throw Invalid($"{path}.until", "a loop ends on until, maxIterations or both: give one");
                    node.Body = new GraphScope(node, scope);
                    Build(d.Body, node.Body, path, depth + 1);
                    break;
            }
            return node;
        }

        /// <summary>Fields that do not apply to the kind are refused, not ignored: a misplaced field is a mistake.</summary>
        private static void Refuse(GraphNodeDefinition d, NodeKind kind, string path)
        {
            var present = new (string Field, bool Set, NodeKind[] Kinds)[]
            {
                ("circuit", d.Circuit is not null, [NodeKind.Task]),
                ("command", d.Command is not null, [NodeKind.Task]),
                ("requirement", d.Requirement is not null, [NodeKind.Task]),
                ("retry", d.Retry is not null, [NodeKind.Task]),
                ("inputTypes", d.InputTypes is not null, [NodeKind.Task]),
                ("inputs", d.Inputs is not null, [NodeKind.Task]),
                ("outputs", d.Outputs is not null, [NodeKind.Task, NodeKind.Loop, NodeKind.Subgraph]),
                ("over", d.Over is not null, [NodeKind.Map]),
                ("template", d.Template is not null, [NodeKind.Map]),
                ("from", d.From is not null, [NodeKind.Join]),
                ("mode", d.Mode is not null, [NodeKind.Join]),
                ("maxIterations", d.MaxIterations is not null, [NodeKind.Loop]),
                ("until", d.Until is not null, [NodeKind.Loop]),
                ("body", d.Body is not null, [NodeKind.Loop, NodeKind.Subgraph]),
            };
            foreach (var (field, set, kinds) in present)
                if (set && !kinds.Contains(kind))
                    throw Invalid($"{path}.{field}", $"{field} does not apply to a {kind.ToString().ToLowerInvariant()} node");
        }

        private static RetryPolicy Retry(NodeRetryDefinition? d, string where)
        {
            if (d is null) return RetryPolicy.Default;
            var initial = d.InitialIntervalSeconds ?? RetryPolicy.DefaultInitialInterval.TotalSeconds;
            var policy = new RetryPolicy(
                d.MaxAttempts ?? RetryPolicy.Default.MaxAttempts,
                TimeSpan.FromSeconds(Bounded(initial, 0, 3600, $"{where}.initialIntervalSeconds")),
                Bounded(d.Coefficient ?? 2.0, 1, 100, $"{where}.coefficient"),
                TimeSpan.FromSeconds(Bounded(d.MaxIntervalSeconds ?? 100 * initial, initial, 86_400, $"{where}.maxIntervalSeconds")),
                new HashSet<string>(d.NonRetryable ?? [], StringComparer.Ordinal));
            if (policy.MaxAttempts is < 1 or > RetryPolicy.MaxAttemptsBound)
                throw Invalid($"{where}.maxAttempts", $"maxAttempts is 1 to {RetryPolicy.MaxAttemptsBound}");
            return policy;
        }

        private static double Bounded(double value, double min, double max, string where) =>
            double.IsFinite(value) && value >= min && value <= max
                ? value
                : throw Invalid(where, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");

        private static CircuitStep Circuit(CircuitStepDefinition d, string where)
        {
            var shots = d.Shots ?? 1024;
            if (shots is < 1 or > MaxShots) throw Invalid($"{where}.shots", $"shots is 1 to {MaxShots}");
            var parameters = new Dictionary<string, Expr>(StringComparer.Ordinal);
            foreach (var (name, text) in d.Parameters ?? new Dictionary<string, string>())
                parameters[name] = ParseExpression(text ?? "", $"{where}.parameters.{name}");
            return new CircuitStep(d.Qasm, d.Device, shots, d.Seed, d.Noise, parameters);
        }

        private static CommandStep Command(CommandStepDefinition d, string where)
        {
            if (d.Name is null || !IdPattern().IsMatch(d.Name))
                throw Invalid($"{where}.name", "a command is named by the agent's operator: a letter or '_' then letters, digits or '_'");
            var args = d.Args ?? [];
            if (args.Count > 256 || args.Any(a => a is null || a.Length > 4096)) throw Invalid($"{where}.args", "at most 256 arguments of at most 4,096 characters");
            return new CommandStep(d.Name, args);
        }

        private static JoinMode Mode(string? text, string where, out int quorum)
        {
            quorum = 0;
            switch (text)
            {
                case null or "all": return JoinMode.All;
                case "any": return JoinMode.Any;
                default:
                    if (text.StartsWith("quorum:", StringComparison.Ordinal)
                        && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out quorum) && quorum >= 1)
                        return JoinMode.Quorum;
                    throw Invalid(where, $"'{text}' is not a join mode: all, any or quorum:k (k ≥ 1)");
            }
        }

        private static int Iterations(int? value, string where) => value switch
        {
            null => MaxIterations,
            >= 1 and <= MaxIterations => value.Value,
            _ => throw Invalid(where, $"maxIterations is 1 to {MaxIterations}"),
        };

        private static string OutputName(string name, string where) =>
            IdPattern().IsMatch(name) ? name : throw Invalid($"{where}.{name}", "an output's name is a letter or '_' then letters, digits or '_'");

        private static MediaType Type(string? text, string where) =>
            MediaType.TryParse(text) ?? throw Invalid(where, $"'{text}' is not a media type (type/subtype, optionally with [] for a list)");
    }
}
