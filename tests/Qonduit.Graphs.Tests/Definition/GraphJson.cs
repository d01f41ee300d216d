using System.Text.Json;
using Qonduit.Contracts;
using Qonduit.Contracts.Graphs;
using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Tests.Definition;

/// <summary>Graphs written as a user posts them: JSON through the wire contract (single quotes for readability).</summary>
internal static class GraphJson
{
    public static GraphDefinition Parse(string json) =>
        JsonSerializer.Deserialize(json.Replace('\'', '"'), WireJson.Default.GraphDefinition)!;

    public static Graph Compile(string json) => GraphCompiler.Compile(Parse(json));

    public static GraphException Refuse(string json) => Assert.Throws<GraphException>(() => Compile(json));
}
