using System.Text.Json.Nodes;
using Qonduit.Graphs.Runs;

namespace Qonduit.Server.Graphs;

/// <summary>
/// The events of runs, on the one event stream with the tasks' (SSE `run.*` and `node.*`), filed under the run's owner so
/// a user's stream shows their own runs: `run.created`, `run.succeeded|failed|cancelled`, and `node.&lt;state&gt;` for
/// every node transition, naming the run, the node's key, the trigger and the attempt's task.
/// </summary>
public static class RunEvents
{
    public const string Created = "run.created";

    public static NewEvent Run(string type, RunRecord run) =>
        new(type, null, null, run.Owner, new JsonObject { ["run"] = run.Id.ToString(), ["graph"] = run.GraphId.ToString() }.ToJsonString());

    public static NewEvent Node(RunRecord run, NodeChange change, NodeInstance instance) => new(
        $"node.{RunRows.Name(change.To)}", instance.TaskId, null, run.Owner, new JsonObject
        {
            ["run"] = run.Id.ToString(),
            ["node"] = change.Key,
            ["from"] = RunRows.Name(change.From),
            ["trigger"] = change.Trigger.ToString(),
            ["attempt"] = instance.Attempt,
            ["detail"] = change.Detail,
        }.ToJsonString());
}
