using System.Text;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Runner.Tests.RunDirectories;

public sealed class ProgressFileTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-progress-test-").FullName;

    private string FilePath => Path.Combine(_dir, RunFiles.Progress);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Appended_lines_accumulate_and_the_latest_reads_back_with_its_timestamp_and_no_estimate()
    {
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Transpile, 0, 1, "circuits", At: At));
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Simulate, 3, 8, "trajectories", EtaSeconds: 2.5, At: At.AddSeconds(1)));

        Assert.Equal(new TaskProgress(ProgressPhase.Simulate, 3, 8, "trajectories", At: At.AddSeconds(1)), ProgressFile.ReadLatest(_dir));
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(2, lines.Length);
        Assert.Equal("""{"phase":"simulate","done":3,"total":8,"unit":"trajectories","at":"2026-12-05T09:00:01+00:00"}""", lines[1]);
    }

    [Theory]
    [InlineData("""{"phase":"simulate","done":5""")]
    [InlineData("""{"phase":"simulate","done":5,"total":8,"unit":"trajectories"}""")]
    public void A_last_line_without_its_newline_is_still_being_written_and_the_line_before_it_counts(string torn)
    {
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Simulate, 4, 8, "trajectories", At: At));
        File.AppendAllText(FilePath, torn);

        Assert.Equal(4, ProgressFile.ReadLatest(_dir)?.Done);
    }

    [Fact]
    public void A_line_torn_by_a_crash_and_continued_by_the_next_append_is_skipped()
    {
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Simulate, 4, 8, "trajectories", At: At));
        File.AppendAllText(FilePath, """{"phase":"simulate","do""");
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Simulate, 6, 8, "trajectories", At: At));

        Assert.Equal(4, ProgressFile.ReadLatest(_dir)?.Done);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"phase\":\"simulate\",\"done\":3\n")]
    [InlineData("{\"phase\":\"warp\",\"done\":1,\"total\":2,\"unit\":\"x\"}\n")]
    [InlineData("{\"phase\":\"simulate\",\"done\":9,\"total\":3,\"unit\":\"trajectories\"}\n")]
    [InlineData("{\"phase\":\"sample\",\"done\":1,\"total\":2,\"unit\":\"\"}\n")]
    public void A_missing_empty_or_nonsensical_file_reads_as_no_progress(string? contents)
    {
        if (contents is not null) File.WriteAllText(FilePath, contents);

        Assert.Null(ProgressFile.ReadLatest(_dir));
    }

    [Fact]
    public void A_last_line_longer_than_the_tail_a_reader_looks_at_is_not_read()
    {
        ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Simulate, 4, 8, "trajectories", At: At));
        File.AppendAllText(FilePath, "{\"phase\":\"sample\",\"done\":1,\"total\":2,\"unit\":\"shots\"" + new string(' ', 5000) + "}\n");

        Assert.Null(ProgressFile.ReadLatest(_dir));
    }

    [Fact]
    public void Only_the_end_of_a_long_file_is_read_so_earlier_lines_cost_nothing()
    {
        // Megabytes of earlier garbage: a reader that parsed the whole file would throw or find nothing.
        File.WriteAllText(FilePath, string.Concat(Enumerable.Repeat("{\"not\": progress at all\n", 100_000)), Encoding.UTF8);
        for (var done = 0; done <= 100; done++) ProgressFile.Append(_dir, new TaskProgress(ProgressPhase.Sample, done, 100, "shots", At: At));

        Assert.Equal(100, ProgressFile.ReadLatest(_dir)?.Done);
    }
}
