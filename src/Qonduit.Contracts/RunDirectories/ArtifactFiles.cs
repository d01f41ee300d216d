using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>Writes (atomically) and reads result.json and error.json.</summary>
public static class ArtifactFiles
{
    public const int SchemaVersion = 1;

    private const long MaxBytes = 512L * 1024 * 1024;

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, ArtifactJsonContext.Default.RunResult);

    public static string Serialize(RunError error) => JsonSerializer.Serialize(error, ArtifactJsonContext.Default.RunError);

    public static void WriteResult(string runDirectory, RunResult result) =>
        RunFiles.WriteAtomically(Path.Combine(runDirectory, RunFiles.Result), Serialize(result) + "\n");

    public static void WriteError(string runDirectory, RunError error) =>
        RunFiles.WriteAtomically(Path.Combine(runDirectory, RunFiles.Error), Serialize(error) + "\n");

    public static Artifact<RunResult> ReadResult(string runDirectory) =>
        Read(Path.Combine(runDirectory, RunFiles.Result), json => JsonSerializer.Deserialize(json, ArtifactJsonContext.Default.RunResult),
            r => r.Counts.Count == 0 && r.Shots > 0 ? "it holds no counts" : null);

    public static Artifact<RunError> ReadError(string runDirectory) =>
        Read(Path.Combine(runDirectory, RunFiles.Error), json => JsonSerializer.Deserialize(json, ArtifactJsonContext.Default.RunError),
            e => string.IsNullOrWhiteSpace(e.Code) ? "it names no code" : null);

    private static Artifact<T> Read<T>(string path, Func<string, T?> deserialize, Func<T, string?> problem)
        where T : class
    {
        var info = new FileInfo(path);
        if (!info.Exists) return new Artifact<T>.Missing();
        if (info.Length > MaxBytes) return new Artifact<T>.Malformed($"{info.Name} is {info.Length} bytes");
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return new Artifact<T>.Malformed($"{info.Name} could not be read: {e.Message}");
        }
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version)
                    || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schema) || schema != SchemaVersion)
                    return new Artifact<T>.Malformed($"{info.Name} has no known schemaVersion (this agent reads {SchemaVersion})");
            }
            var value = deserialize(json);
            if (value is null) return new Artifact<T>.Malformed($"{info.Name} holds null");
            return problem(value) is { } reason ? new Artifact<T>.Malformed($"{info.Name}: {reason}") : new Artifact<T>.Present(value, json.Trim());
        }
        catch (JsonException e)
        {
            return new Artifact<T>.Malformed($"{info.Name} is not a valid artifact: {e.Message}");
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(RunError))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
