namespace Qonduit.Storage;

public partial interface IControlPlaneStore
{
    GraphRecord? GetGraph(Guid id);

    /// <summary>Graphs newest first, of one owner when given.</summary>
    IReadOnlyList<GraphRecord> ListGraphs(string? owner, int limit);

    RunRecord? GetRun(Guid id);

    IReadOnlyList<RunRecord> ListRuns(RunQuery query);

    /// <summary>A run's node instances, by key.</summary>
    IReadOnlyList<RunNodeRecord> RunNodes(Guid runId);

    /// <summary>The (run, node, attempt) a task is an attempt of, or null for a task submitted alone.</summary>
    RunAttempt? AttemptOfTask(Guid taskId);
}

public partial interface IStoreWriter
{
    void InsertGraph(GraphRecord graph);

    RunRecord? GetRun(Guid id);

    /// <summary>Inserts or replaces the run with its id.</summary>
    void SaveRun(RunRecord run);

    IReadOnlyList<RunNodeRecord> RunNodes(Guid runId);

    /// <summary>Inserts or replaces the node instance with its run and key.</summary>
    void SaveRunNode(RunNodeRecord node);

    void InsertRunAttempt(RunAttempt attempt);

    RunAttempt? AttemptOfTask(Guid taskId);
}
