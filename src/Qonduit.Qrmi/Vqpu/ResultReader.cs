using System.Text.Json.Nodes;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>Reads DESIGN.md's result document: shots, seed, counts, boundSnapshotVersion.</summary>
internal static class ResultReader
{
    public static TaskResult Read(string taskId, JsonObject result)
    {
        if (result["counts"] is not JsonObject counts)
            throw new QrmiProtocolException($"the result of task '{taskId}' has no \"counts\" object");
        var table = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in counts)
            table[key] = value is JsonValue v && v.TryGetValue<long>(out var n) ? n
                : throw new QrmiProtocolException($"the count of '{key}' in task '{taskId}' is not an integer");
        var shots = QonduitRestClient.ReadInt(result, "shots") ?? (int)table.Values.Sum();
        ulong? seed = result["seed"] is JsonValue s && s.TryGetValue<ulong>(out var sv) ? sv : null;
        return new TaskResult(taskId, shots, seed, table, QonduitRestClient.ReadInt(result, "boundSnapshotVersion"));
    }
}
