using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts.RunDirectories;

/// <summary>
/// progress.jsonl: the runner appends one line `{phase, done, total, unit, at}` per report (a single small append, so
/// lines never interleave); the agent reads the latest when it heartbeats. A reader looks only at the file's last
/// <see cref="TailBytes"/>, so the cost of a read does not grow with the run, and takes the last complete line that
/// parses and is consistent: a line torn by a crash (no newline yet, or cut mid-way) is skipped. Advisory: a missing,
/// unreadable or nonsensical file reads as no progress.
/// </summary>
public static class ProgressFile
{
    /// <summary>How much of the file's end a reader looks at; a longer line is never read.</summary>
    private const int TailBytes = 4096;

    public static void Append(string runDirectory, TaskProgress line)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line with { EtaSeconds = null }, ProgressJsonContext.Default.TaskProgress) + "\n");
        using var stream = new FileStream(Path.Combine(runDirectory, RunFiles.Progress), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.Write(bytes);
    }

    public static TaskProgress? ReadLatest(string runDirectory)
    {
        try
        {
            using var stream = new FileStream(Path.Combine(runDirectory, RunFiles.Progress), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            var tail = new byte[(int)Math.Min(length, TailBytes)];
            stream.Position = length - tail.Length;
            stream.ReadExactly(tail);
            return Latest(tail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static TaskProgress? Latest(ReadOnlySpan<byte> tail)
    {
        // Only text before the last newline is complete; what follows it is a line still being written (or torn).
        var end = tail.LastIndexOf((byte)'\n');
        while (end > 0)
        {
            var start = tail[..end].LastIndexOf((byte)'\n') + 1;
            // A line that starts before the tail is cut and would not parse anyway; the first line of a whole file is complete.
            if (Parse(tail[start..end]) is { } line) return line;
            end = start - 1;
        }
        return null;
    }

    private static TaskProgress? Parse(ReadOnlySpan<byte> text)
    {
        try
        {
            var line = JsonSerializer.Deserialize(text, ProgressJsonContext.Default.TaskProgress);
            return line?.Problem() is null ? line : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TaskProgress))]
internal sealed partial class ProgressJsonContext : JsonSerializerContext;
