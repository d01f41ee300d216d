using System.Collections.Immutable;

namespace Qonduit.Storage;

public sealed partial class InMemoryControlPlaneStore
{
    private sealed record GraphState(
        ImmutableDictionary<Guid, GraphRecord> Graphs,
        ImmutableDictionary<Guid, RunRecord> Runs,
        ImmutableDictionary<(Guid Run, string Key), RunNodeRecord> Nodes,
        ImmutableDictionary<Guid, RunAttempt> Attempts)
    {
        public static GraphState Empty { get; } = new([], [], [], []);
    }

    public GraphRecord? GetGraph(Guid id) => _state.Graphs.Graphs.GetValueOrDefault(id);

    public IReadOnlyList<GraphRecord> ListGraphs(string? owner, int limit) => [.. _state.Graphs.Graphs.Values
        .Where(g => owner is null || g.Owner == owner).OrderByDescending(g => g.CreatedAt).ThenBy(g => g.Id).Take(limit)];

    public RunRecord? GetRun(Guid id) => _state.Graphs.Runs.GetValueOrDefault(id);

    public IReadOnlyList<RunRecord> ListRuns(RunQuery query) => [.. _state.Graphs.Runs.Values
        .Where(r => (query.Owner is null || r.Owner == query.Owner) && (query.GraphId is null || r.GraphId == query.GraphId)
            && (query.Status is null || r.Status == query.Status))
        .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).Take(query.Limit)];

    public IReadOnlyList<RunNodeRecord> RunNodes(Guid runId) => NodesOf(_state, runId);

    public RunAttempt? AttemptOfTask(Guid taskId) => _state.Graphs.Attempts.GetValueOrDefault(taskId);

    private static List<RunNodeRecord> NodesOf(State state, Guid runId) =>
        [.. state.Graphs.Nodes.Values.Where(n => n.RunId == runId).OrderBy(n => n.Key, StringComparer.Ordinal)];

    private sealed partial class Writer
    {
        private GraphState Graphs
        {
            get => Current.Graphs;
            set => Current = Current with { Graphs = value };
        }

        public void InsertGraph(GraphRecord graph) => Graphs = Graphs with { Graphs = Graphs.Graphs.Add(graph.Id, graph) };

        public RunRecord? GetRun(Guid id) => Graphs.Runs.GetValueOrDefault(id);

        public void SaveRun(RunRecord run) => Graphs = Graphs with { Runs = Graphs.Runs.SetItem(run.Id, run) };

        public IReadOnlyList<RunNodeRecord> RunNodes(Guid runId) => NodesOf(Current, runId);

        public void SaveRunNode(RunNodeRecord node) => Graphs = Graphs with { Nodes = Graphs.Nodes.SetItem((node.RunId, node.Key), node) };

        public void InsertRunAttempt(RunAttempt attempt) => Graphs = Graphs with { Attempts = Graphs.Attempts.Add(attempt.TaskId, attempt) };

        public RunAttempt? AttemptOfTask(Guid taskId) => Graphs.Attempts.GetValueOrDefault(taskId);
    }
}
