using Qonduit.Cli.Tasks;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Cli.Tests.Tasks;

/// <summary>How `submit --wait` and `tasks watch` show a running task's progress on a terminal and in a log.</summary>
public sealed class ProgressLineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly TaskProgress Simulating = new(ProgressPhase.Simulate, 412, 1000, "trajectories", EtaSeconds: 11.2);

    [Fact]
    public void A_terminal_shows_a_bar_the_counts_and_the_estimate()
    {
        Assert.Equal("running  simulate ████░░░░░░ 412/1000 trajectories  ~12s left", ProgressLine.Terminal("running", Simulating));
        Assert.Equal("queued", ProgressLine.Terminal("queued", null));
        Assert.Equal("██████████", ProgressLine.Bar(new TaskProgress(ProgressPhase.Sample, 0, 0, "shots")));
    }

    [Fact]
    public void A_log_gets_the_same_words_without_the_bar()
    {
        Assert.Equal("running simulate 412/1000 trajectories  ~12s left", ProgressLine.Plain("running", Simulating));
        Assert.Equal("running sample 5/10 shots", ProgressLine.Plain("running", new TaskProgress(ProgressPhase.Sample, 5, 10, "shots")));
    }

    [Fact]
    public void On_a_terminal_each_change_redraws_the_line_in_place_and_the_end_wipes_it()
    {
        var report = new ProgressReport(terminal: true);

        Assert.Equal("\rqueued", report.Update("queued", null, Start));
        Assert.Null(report.Update("queued", null, Start.AddMilliseconds(200)));
        var redraw = report.Update("running", Simulating, Start.AddMilliseconds(400));
        Assert.Equal("\r" + ProgressLine.Terminal("running", Simulating), redraw);
        Assert.Equal("\r" + new string(' ', redraw!.Length - 1) + "\r", report.Clear());
    }

    [Fact]
    public void Redirected_a_plain_line_is_written_only_when_something_changed_and_at_most_once_a_second()
    {
        var report = new ProgressReport(terminal: false);

        Assert.Equal("queued\n", report.Update("queued", null, Start));
        Assert.Null(report.Update("running", Simulating, Start.AddMilliseconds(500)));
        Assert.Equal(ProgressLine.Plain("running", Simulating) + "\n", report.Update("running", Simulating, Start.AddSeconds(1)));
        Assert.Null(report.Update("running", Simulating, Start.AddSeconds(5)));
        Assert.Null(report.Clear());
    }
}
