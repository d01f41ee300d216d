using System.Text.Json;
using Qonduit.Client;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>
/// Reads the result document of docs/architecture.md ("Results") (shots, seed, counts, boundSnapshotVersion) from the server's wrapper, checking
/// what <see cref="QuantumTaskResult.Counts"/> takes on trust so a malformed answer is a <see cref="QrmiProtocolException"/>.
/// </summary>
internal static class ResultReader
{
    public static TaskResult Read(string taskId, QuantumTaskResult answer)
    {
        if (answer.Result is not { ValueKind: JsonValueKind.Object } result
            || !result.TryGetProperty("counts", out var counts) || counts.ValueKind != JsonValueKind.Object)
            throw new QrmiProtocolException($"the result of task '{taskId}' has no \"counts\" object");
        var table = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in counts.EnumerateObject())
            table[count.Name] = count.Value.ValueKind == JsonValueKind.Number && count.Value.TryGetInt64(out var n) ? n
                : throw new QrmiProtocolException($"the count of '{count.Name}' in task '{taskId}' is not an integer");
        var shots = Int(result, "shots") ?? (int)table.Values.Sum();
        ulong? seed = result.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetUInt64(out var sv) ? sv : null;
        return new TaskResult(taskId, shots, seed, table, Int(result, "boundSnapshotVersion") ?? answer.BoundSnapshotVersion);
    }

    private static int? Int(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;
}
