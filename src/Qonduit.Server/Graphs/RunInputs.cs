using Qonduit.Server.Problems;
using System.Text.Json.Nodes;
using Qonduit.Graphs.Definition;

namespace Qonduit.Server.Graphs;

/// <summary>A run's inputs against the graph's declarations: each declared one given, none other, lists where `[]`, numbers where numbers.</summary>
internal static class RunInputs
{
    public static void Check(Graph graph, JsonObject inputs)
    {
        foreach (var (name, type) in graph.Inputs)
        {
            if (!inputs.TryGetPropertyValue(name, out var value) || value is null) throw Refuse($"the graph's input '{name}' ({type}) is not given");
            var fits = type.IsList ? value is JsonArray
                : type == MediaType.Number ? value is JsonValue v && v.TryGetValue<double>(out _)
                : type == MediaType.Text || type == MediaType.Qasm ? value is JsonValue s && s.TryGetValue<string>(out _)
                : true;
            if (!fits) throw Refuse($"input '{name}' is declared {type}; the value given is not one");
        }
        foreach (var (name, _) in inputs)
            if (!graph.Inputs.ContainsKey(name)) throw Refuse($"the graph declares no input '{name}'");
    }

    private static ControlPlaneException Refuse(string message) => ControlPlaneException.BadRequest(ErrorCodes.Graph.InvalidInputs, message);
}
