using System.Globalization;
using System.Text.Json;
using Qonduit.Contracts;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tasks;

/// <summary>
/// How a task's progress reads: a bar for a terminal (`running  simulate ███████░░░ 412/1000 trajectories  ~12s left`),
/// the same words without the bar for a log. Shared by `tasks watch` and `submit --wait`.
/// </summary>
public static class ProgressLine
{
    private const int BarWidth = 10;

    public static string Terminal(string state, TaskProgress? progress) =>
        progress is null ? state : $"{state}  {Phase(progress)} {Bar(progress)} {Counts(progress)}{Eta(progress)}";

    public static string Plain(string state, TaskProgress? progress) =>
        progress is null ? state : $"{state} {Phase(progress)} {Counts(progress)}{Eta(progress)}";

    public static string Bar(TaskProgress progress)
    {
        var filled = progress.Total == 0 ? BarWidth : (int)(BarWidth * Math.Clamp(progress.Done, 0, progress.Total) / progress.Total);
        return new string('█', filled) + new string('░', BarWidth - filled);
    }

    /// <summary>The progress a `task.progress` event carries; null when its data is not one.</summary>
    public static TaskProgress? Of(JsonElement data)
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object ? data.Deserialize(WireJson.Default.TaskProgress) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Phase(TaskProgress progress) => progress.Phase.ToString().ToLowerInvariant();

    private static string Counts(TaskProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{progress.Done}/{progress.Total} {progress.Unit}");

    private static string Eta(TaskProgress progress) => progress.EtaSeconds is { } seconds ? $"  ~{Duration(seconds)} left" : "";

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(seconds):0}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)}h{(int)(seconds % 3600 / 60):00}m"),
    };
}

/// <summary>
/// What `submit --wait` writes as a task's view changes: on a terminal the line is redrawn in place; redirected, a plain
/// line only when something changed and at most once per <see cref="PlainInterval"/>, so a log stays short.
/// </summary>
public sealed class ProgressReport(bool terminal)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(1);

    private string? _shown;
    private DateTimeOffset _lastPlain = DateTimeOffset.MinValue;

    /// <summary>What to write for this view (null: nothing).</summary>
    public string? Update(string state, TaskProgress? progress, DateTimeOffset now)
    {
        if (terminal)
        {
            var line = ProgressLine.Terminal(state, progress);
            if (line == _shown) return null;
            var redraw = "\r" + line.PadRight(_shown?.Length ?? 0);
            _shown = line;
            return redraw;
        }
        var plain = ProgressLine.Plain(state, progress);
        if (plain == _shown || now - _lastPlain < PlainInterval) return null;
        (_shown, _lastPlain) = (plain, now);
        return plain + "\n";
    }

    /// <summary>Wipes a redrawn line once the wait is over, so what follows starts on a clean line.</summary>
    public string? Clear() => terminal && _shown is { } shown ? "\r" + new string(' ', shown.Length) + "\r" : null;
}
