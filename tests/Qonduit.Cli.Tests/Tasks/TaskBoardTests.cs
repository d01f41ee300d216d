using System.Text.Json;
using Qonduit.Cli.Tasks;
using Qonduit.Client;
using Qonduit.Contracts.Events;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Qonduit.Cli.Tests.Tasks;

/// <summary>`qonduit tasks watch` on a terminal: one live row per task with its state and elapsed time, from events only.</summary>
public sealed class TaskBoardTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Second = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Fact]
    public void A_running_task_shows_its_step_owner_and_the_time_since_it_was_queued()
    {
        var board = new TaskBoard();
        board.Apply(Event(1, "task.queued", First, 0, "queued"));
        board.Apply(Event(2, "task.running", First, 400, "running", step: "submitted", owner: "agent-7"));

        var row = RowOf(Show(board.Render(Start.AddSeconds(3))), First);
        Assert.Contains("running", row, StringComparison.Ordinal);
        Assert.Contains("submitted", row, StringComparison.Ordinal);
        Assert.Contains("agent-7", row, StringComparison.Ordinal);
        Assert.Contains("3.0s", row, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_task_keeps_the_elapsed_time_of_its_terminal_event_and_says_it_is_done()
    {
        var board = new TaskBoard();
        Assert.False(board.Apply(Event(1, "task.queued", First, 0, "queued")));
        Assert.True(board.Apply(Event(2, "task.completed", First, 1500, "completed")));

        var row = RowOf(Show(board.Render(Start.AddMinutes(5))), First);
        Assert.Contains("completed", row, StringComparison.Ordinal);
        Assert.Contains("1.5s", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Watching_without_an_id_follows_every_task_in_its_own_row()
    {
        var board = new TaskBoard();
        board.Apply(Event(1, "task.queued", First, 0, "queued"));
        board.Apply(Event(2, "task.queued", Second, 100, "queued"));
        board.Apply(Event(3, "task.failed", First, 900, "failed"));
        board.Apply(Event(4, "task.cancelled", Second, 1200, "cancelled"));

        var shown = Show(board.Render(Start.AddSeconds(10)));
        Assert.Contains("failed", RowOf(shown, First), StringComparison.Ordinal);
        Assert.Contains("cancelled", RowOf(shown, Second), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_report_does_not_change_the_state_shown()
    {
        var board = new TaskBoard();
        board.Apply(Event(1, "task.completed", First, 0, "completed"));
        Assert.False(board.Apply(Event(2, "task.report-rejected", First, 10, "completed")));
        Assert.Contains("completed", RowOf(Show(board.Render(Start)), First), StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_line_for_redirected_output_names_the_event_the_task_and_its_state()
    {
        var line = TaskBoard.Line(Event(42, "task.claimed", First, 0, "running", owner: "a1"));
        Assert.Equal(["#42", "task.claimed", First.ToString(), "running", "owner=a1"], line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    [Fact]
    public void A_running_task_shows_its_latest_progress_until_it_ends_and_progress_changes_no_state()
    {
        var board = new TaskBoard();
        board.Apply(Event(1, "task.claimed", First, 0, "running"));
        Assert.False(board.Apply(Progress(First, 100, 412)));

        Assert.Contains("running  simulate ████░░░░░░ 412/1000 trajectories", RowOf(Show(board.Render(Start)), First), StringComparison.Ordinal);
        board.Apply(Event(2, "task.completed", First, 200, "completed"));
        var done = RowOf(Show(board.Render(Start)), First);
        Assert.Contains("completed", done, StringComparison.Ordinal);
        Assert.DoesNotContain("trajectories", done, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_line_of_a_progress_event_keeps_the_columns_with_no_sequence_and_says_how_far_the_task_got()
    {
        var line = TaskBoard.Line(Progress(First, 0, 412));
        Assert.Equal(["#-", "task.progress", First.ToString(), "running", "simulate", "412/1000", "trajectories"], line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1));
    }

    private static EventView Progress(Guid task, int afterMs, long done) =>
        new(0, "task.progress", task, "ibm_fez", Start.AddMilliseconds(afterMs),
            JsonSerializer.SerializeToElement(new { phase = "simulate", done, total = 1000, unit = "trajectories" }));

    private static EventView Event(long sequence, string type, Guid task, int afterMs, string state, string? step = null, string? owner = null) =>
        new(sequence, type, task, "ibm_fez", Start.AddMilliseconds(afterMs),
            JsonSerializer.SerializeToElement(new { taskId = task, state, step, owner }));

    private static string Show(IRenderable table)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        console.Write(table);
        return output.ToString();
    }

    private static string RowOf(string shown, Guid task) => Assert.Single(shown.Split('\n'), l => l.Contains(task.ToString(), StringComparison.Ordinal));
}
