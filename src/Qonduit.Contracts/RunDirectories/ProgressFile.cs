using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// progress.json: the runner replaces it (temporary file + rename, so a reader never sees half of it) as it works; the
/// agent reads it when it heartbeats. Advisory: a missing, oversized, unreadable or inconsistent file reads as no progress.
/// </summary>
public static class ProgressFile
{
    private const long MaxBytes = 4096;

    public static void Write(string runDirectory, TaskProgress progress) =>
        RunFiles.WriteAtomically(Path.Combine(runDirectory, RunFiles.Progress), JsonSerializer.Serialize(progress, ProgressJsonContext.Default.TaskProgress), durable: false);

    public static TaskProgress? Read(string runDirectory)
    {
        var path = Path.Combine(runDirectory, RunFiles.Progress);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes) return null;
            var progress = JsonSerializer.Deserialize(File.ReadAllText(path), ProgressJsonContext.Default.TaskProgress);
            return progress?.Problem() is null ? progress : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(TaskProgress))]
internal sealed partial class ProgressJsonContext : JsonSerializerContext;
