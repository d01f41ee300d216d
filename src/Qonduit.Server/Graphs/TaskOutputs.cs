using System.Text.Json.Nodes;

namespace Qonduit.Server.Graphs;

/// <summary>
/// A completed circuit attempt's outputs: `counts` inline (a histogram is small next to the 64 KiB an edge may inline),
/// `result` by reference to the task whose result holds it (`GET /v1/tasks/{id}/result`).
/// </summary>
internal static class TaskOutputs
{
    public static JsonObject Of(TaskRecord task)
    {
        var result = task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson)?.AsObject();
        return new JsonObject
        {
            ["counts"] = result?["counts"]?.DeepClone() ?? new JsonObject(),
            ["result"] = new JsonObject { ["task"] = task.Id.ToString() },
        };
    }
}
