using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;
using Qonduit.Placement.Requirements.Evaluation;

namespace Qonduit.Graphs.Runs;

public static partial class RunPlanner
{
    private sealed partial class Pass
    {
        /// <summary>
        /// Binds a task's ports and parameters for an attempt. An input whose producer did not succeed omits the node;
        /// one that succeeded without the output, or a parameter that is not a number, errors it. Null when the node moved.
        /// </summary>
        private (JsonObject Inputs, Dictionary<string, double> Parameters)? Bind(ScopeFrame frame, NodeInstance instance)
        {
            var inputs = new JsonObject();
            foreach (var (port, source) in instance.Node.Inputs)
            {
                if (Resolve(frame, instance, source) is not { } value) return null;
                inputs[port] = value.DeepClone();
            }
            var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, expression) in instance.Node.Circuit?.Parameters ?? new Dictionary<string, Placement.Requirements.Syntax.Expr>())
            {
                var value = Expressions.Evaluate(expression, frame.Names);
                if (value.Kind != ValueKind.Number)
                {
                    Errored(instance, ErrorCodes.Graph.ExpressionError, $"parameter {name} is {value}, not a number");
                    return null;
                }
                parameters[name] = value.Number;
            }
            return (inputs, parameters);
        }

        /// <summary>The value a source carries now; null (and the node moved) when it cannot be had.</summary>
        private JsonNode? Resolve(ScopeFrame frame, NodeInstance instance, Source source)
        {
            switch (source.Kind)
            {
                case SourceKind.RunInput:
                    return run.Inputs[source.Field] ?? Missing(instance, $"the run was given no {source}");
                case SourceKind.Item:
                    return frame.FindItem() ?? Missing(instance, "the item is null");
            }
            var producer = frame.Find(source.Node!);
            // A loop's body reads the loop's outputs while the loop runs: those of the iteration before.
            var readable = producer is { State: NodeState.Succeeded } || producer is { State: NodeState.Running, Node.Kind: NodeKind.Loop };
            if (!readable)
            {
                Move(instance, NodeEvent.Omit, $"{source} is not there: {source.Node} did not succeed");
                return null;
            }
            return producer!.Outputs?[source.Field] ?? Missing(instance, $"{source.Node} produced no {source.Field}");
        }

        private JsonNode? Missing(NodeInstance instance, string why)
        {
            Errored(instance, ErrorCodes.Graph.OutputMissing, why);
            return null;
        }

        private void Dispatch(ScopeFrame frame, NodeInstance instance)
        {
            // A retry binds again: the values are those the first attempt read, since their producers have ended.
            if (Bind(frame, instance) is { } bound) Dispatch(instance, bound.Inputs, bound.Parameters);
        }

        private void Dispatch(NodeInstance instance, JsonObject inputs, Dictionary<string, double> parameters)
        {
            instance.Attempt++;
            instance.DueAt = null;
            run.Touch(instance);
            _dispatches.Add(new AttemptRequest(instance, instance.Attempt, inputs, parameters));
        }
    }
}
