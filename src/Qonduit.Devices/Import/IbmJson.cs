using System.Text.Json;

namespace Qonduit.Devices.Import;

/// <summary>Typed reads from IBM backend JSON that fail with a <see cref="DeviceImportException"/> naming the field.</summary>
internal static class IbmJson
{
    public static JsonDocument Parse(string json, string file)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw new DeviceImportException($"{file}: expected a JSON object at the top level");
        }
        catch (JsonException e)
        {
            throw new DeviceImportException($"{file}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement Require(JsonElement obj, string name, JsonValueKind kind, string where) =>
        Optional(obj, name) is { } value && value.ValueKind == kind
            ? value
            : throw new DeviceImportException($"{where}: '{name}' is missing or not {Describe(kind)}");

    public static string RequireString(JsonElement obj, string name, string where) =>
        Require(obj, name, JsonValueKind.String, where).GetString()!;

    public static string? OptionalString(JsonElement obj, string name) =>
        Optional(obj, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double? OptionalNumber(JsonElement obj, string name, string where) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        _ => throw new DeviceImportException($"{where}: '{name}' is not a number"),
    };

    public static int RequireInt(JsonElement obj, string name, string where, int min, int max)
    {
        var element = Require(obj, name, JsonValueKind.Number, where);
        return element.TryGetInt32(out var value) && value >= min && value <= max
            ? value
            : throw new DeviceImportException($"{where}: '{name}' must be an integer in {min}..{max}, got {element.GetRawText()}");
    }

    /// <summary>A qubit list such as a coupling_map pair or a gate's "qubits", each index checked against the device.</summary>
    public static int[] Qubits(JsonElement array, int numQubits, string where)
    {
        if (array.ValueKind != JsonValueKind.Array) throw new DeviceImportException($"{where}: expected a list of qubit indices");
        var qubits = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var q) || q < 0 || q >= numQubits)
                throw new DeviceImportException($"{where}: qubit {item.GetRawText()} is not an index in 0..{numQubits - 1}");
            qubits[i++] = q;
        }
        return qubits;
    }

    /// <summary>One `{name, unit, value}` calibration entry; entries without a numeric value are skipped by returning false.</summary>
    public static bool TryReadEntry(JsonElement entry, string where, out string name, out string unit, out double value)
    {
        name = OptionalString(entry, "name") ?? throw new DeviceImportException($"{where}: a calibration entry has no 'name'");
        unit = OptionalString(entry, "unit") ?? "";
        var number = OptionalNumber(entry, "value", $"{where} '{name}'");
        value = number ?? double.NaN;
        return number.HasValue;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString(),
    };
}
