using System.Globalization;
using System.Text.Json;
using Qonduit.Client;
using Qonduit.Contracts.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qonduit.Cli.Tasks;

/// <summary>
/// What `qonduit tasks watch` knows about each task it has seen: built from task events only, so the display is the
/// server's lifecycle (queued → running → completed/failed/cancelled), not a guess from polling.
/// </summary>
public sealed class TaskBoard
{
    // A watch without an id can run for days; older finished rows scroll away so the live table stays one screen.
    private const int MaxRows = 20;

    /// <summary>Live only (no id, never replayed): the running task's progress, at most once a second per task.</summary>
    private const string ProgressEvent = "task.progress";
    private readonly Dictionary<Guid, Row> _rows = [];
    private readonly Lock _lock = new();

    /// <summary>Folds one event in; true when it took its task to a terminal state.</summary>
    public bool Apply(EventView e)
    {
        if (e.TaskId is not { } id || !e.Type.StartsWith("task.", StringComparison.Ordinal) || e.Type == "task.report-rejected") return false;
        if (e.Type == ProgressEvent)
        {
            lock (_lock)
            {
                if (_rows.TryGetValue(id, out var running) && running.State == "running") _rows[id] = running with { Progress = ProgressLine.Of(e.Data) };
            }
            return false;
        }
        var state = Text(e.Data, "state") ?? "queued";
        lock (_lock)
        {
            var row = _rows.TryGetValue(id, out var seen) ? seen : new Row(id, e.Device ?? "", e.At, state, null, null, null, null);
            row = row with
            {
                State = state, Step = Text(e.Data, "step"), Owner = Text(e.Data, "owner") ?? row.Owner, EndedAt = IsTerminal(state) ? e.At : null,
                Progress = state == "running" ? row.Progress : null,
            };
            _rows[id] = row;
            if (_rows.Count > MaxRows && _rows.Values.Where(r => r.EndedAt is not null).MinBy(r => r.FirstAt) is { } oldest) _rows.Remove(oldest.Id);
            return row.EndedAt is not null;
        }
    }

    /// <summary>One row per task: its state (with the progress bar while running), step, owner and the time since its first event (until terminal, then fixed).</summary>
    public IRenderable Render(DateTimeOffset now)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("task").AddColumn("device").AddColumn("state").AddColumn("step").AddColumn("owner").AddColumn(new TableColumn("elapsed").RightAligned());
        lock (_lock)
        {
            foreach (var row in _rows.Values.OrderBy(r => r.FirstAt))
            {
                table.AddRow(
                    new Text(row.Id.ToString()), new Text(row.Device), new Markup($"[{Colour(row.State)}]{Markup.Escape(ProgressLine.Terminal(row.State, row.Progress))}[/]"),
                    new Text(row.Step ?? "-"), new Text(row.Owner ?? "-"), new Text(Elapsed((row.EndedAt ?? now) - row.FirstAt)));
            }
        }
        return table;
    }

    /// <summary>The plain line for redirected output, one per event, so scripts can read the lifecycle.</summary>
    public static string Line(EventView e)
    {
        // A progress event is not stored, so it has no sequence; its "#-" keeps every line's columns in the same place for scripts.
        if (e.Type == ProgressEvent) return $"{e.At:HH:mm:ss.fff}  {"#-",-7} {e.Type,-22} {e.TaskId} {ProgressLine.Plain("running", ProgressLine.Of(e.Data))}";
        var owner = Text(e.Data, "owner") is { } o ? $" owner={o}" : "";
        return $"{e.At:HH:mm:ss.fff}  #{e.Sequence,-6} {e.Type,-22} {e.TaskId} {Text(e.Data, "state")}{owner}";
    }

    public static bool IsTerminal(string state) => state is "completed" or "failed" or "cancelled";

    private static string Elapsed(TimeSpan span) => span < TimeSpan.Zero ? "0.0s"
        : span.TotalSeconds < 60 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : $"{(int)span.TotalMinutes}m{span.Seconds:00}s";

    private static string Colour(string state) => state switch
    {
        "completed" => "green",
        "failed" => "red",
        "cancelled" => "grey",
        "running" => "blue",
        _ => "yellow",
    };

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Row(Guid Id, string Device, DateTimeOffset FirstAt, string State, string? Step, string? Owner, DateTimeOffset? EndedAt, Contracts.Tasks.TaskProgress? Progress);
}
