using System.Text.Json.Nodes;

namespace Qonduit.Server.Graphs;

/// <summary>
/// A completed attempt's outputs. A circuit's: `counts` inline (a histogram is small next to the 64 KiB an edge may
/// inline), `result` by reference to the task whose result holds it (`GET /v1/tasks/{id}/result`). A command's: the
/// object it wrote to `outputs.json`.
/// </summary>
internal static class TaskOutputs
{
    public static JsonObject Of(TaskRecord task)
    {
        var result = task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson)?.AsObject();
        if (result?["command"] is JsonObject command) return command["outputs"]?.DeepClone() as JsonObject ?? [];
        return new JsonObject
        {
            ["counts"] = result?["counts"]?.DeepClone() ?? new JsonObject(),
            ["result"] = new JsonObject { ["task"] = task.Id.ToString() },
        };
    }
}
