using System.Text.Json;

namespace Qonduit.Devices.Snapshots;

/// <summary>Reads and writes snapshots in the JSON schema of docs/architecture.md. Every read is validated (<see cref="SnapshotValidator"/>).</summary>
public static class SnapshotJson
{
    /// <summary>Far above any real device (ibm_fez's snapshot is about 100 kB); a bigger file is refused before it is read.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly SnapshotJsonContext Indented = new(new JsonSerializerOptions(SnapshotJsonContext.Default.Options) { WriteIndented = true });

    public static string Serialize(DeviceSnapshot snapshot, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(SnapshotDocument.From(snapshot), indented ? Indented.SnapshotDocument : SnapshotJsonContext.Default.SnapshotDocument);
    }

    /// <summary>Parses and validates; throws <see cref="SnapshotException"/> for malformed JSON or an impossible device.</summary>
    public static DeviceSnapshot Deserialize(string json)
    {
        SnapshotDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SnapshotJsonContext.Default.SnapshotDocument);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path})";
            throw new SnapshotException(ErrorCodes.Snapshot.MalformedJson, $"snapshot JSON is malformed{where}{path}: {FirstSentence(e.Message)}", e);
        }
        var snapshot = document?.ToSnapshot()
            ?? throw new SnapshotException(ErrorCodes.Snapshot.MalformedJson, "snapshot JSON is 'null', expected an object");
        SnapshotValidator.EnsureValid(snapshot);
        return snapshot;
    }

    public static DeviceSnapshot Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new SnapshotException(ErrorCodes.Snapshot.NotFound, $"snapshot file '{path}' does not exist");
        if (info.Length > MaxFileBytes)
            throw new SnapshotException(ErrorCodes.Snapshot.TooLarge, $"snapshot file '{path}' is {info.Length} bytes; the limit is {MaxFileBytes}");
        try
        {
            return Deserialize(File.ReadAllText(path));
        }
        catch (SnapshotException e)
        {
            throw new SnapshotException(e.Code, $"{path}: {e.Message}", e);
        }
    }

    public static void Save(DeviceSnapshot snapshot, string path) => File.WriteAllText(path, Serialize(snapshot) + "\n");

    // System.Text.Json appends "Path: ... | LineNumber: ..." which the caller already reports in its own words.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
