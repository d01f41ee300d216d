using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Contracts.Graphs;
using Qonduit.Graphs.Definition;
using Qonduit.Graphs.Runs;

namespace Qonduit.Server.Graphs;

/// <summary>A run's node instances between the planner's objects and the store's rows and views.</summary>
internal static class RunRows
{
    public static RunNodeRecord Record(Guid runId, NodeInstance n) => new(
        runId, n.Key, Name(n.State), n.Attempt, n.TaskId, n.DueAt, n.StartedAt, n.EndedAt, n.Outputs?.ToJsonString(), n.ErrorCode, n.Error,
        n.Item?.ToJsonString(), n.Index, n.Count);

    /// <summary>The stored run as the planner works on it.</summary>
    public static RunState Load(Graph graph, RunRecord run, IReadOnlyList<RunNodeRecord> nodes)
    {
        var state = new RunState(graph, JsonNode.Parse(run.Inputs)!.AsObject()) { Status = Enum.Parse<RunStatus>(run.Status, ignoreCase: true) };
        // By key, so a map comes before its children (`fan` < `fan[0]`) and each child after the one before it by index.
        foreach (var n in nodes.OrderBy(n => n.Key.Length).ThenBy(n => n.Key, StringComparer.Ordinal))
        {
            state.Load(new NodeInstance(n.Key, RunKeys.NodeOf(graph, n.Key))
            {
                State = Enum.Parse<NodeState>(n.State, ignoreCase: true),
                Attempt = n.Attempt,
                TaskId = n.TaskId,
                DueAt = n.DueAt,
                StartedAt = n.StartedAt,
                EndedAt = n.EndedAt,
                Outputs = n.Outputs is null ? null : JsonNode.Parse(n.Outputs)!.AsObject(),
                ErrorCode = n.ErrorCode,
                Error = n.Error,
                Item = n.Item is null ? null : JsonNode.Parse(n.Item),
                Index = n.Index,
                Count = n.Count,
            });
        }
        return state;
    }

    public static RunView View(RunRecord run, IReadOnlyList<RunNodeRecord> nodes) => new(
        run.Id, run.GraphId, run.Owner, run.Status, run.CreatedAt, run.EndedAt,
        [.. nodes.Select(n => new RunNodeView(n.Key, n.State, n.Attempt, n.TaskId, n.DueAt, n.StartedAt, n.EndedAt,
            n.Outputs is null ? null : JsonNode.Parse(n.Outputs)!.AsObject(), n.ErrorCode, n.Error))]);

    public static string Name(NodeState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    public static string Name(RunStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
