using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Runner.Tests.RunDirectories;

public sealed class ProgressFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-progress-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Written_progress_reads_back_whole_and_replaces_the_previous_one()
    {
        ProgressFile.Write(_dir, new TaskProgress(ProgressPhase.Transpile, 0, 1, "circuits"));
        var latest = new TaskProgress(ProgressPhase.Simulate, 3, 8, "trajectories", 2.5);
        ProgressFile.Write(_dir, latest);

        Assert.Equal(latest, ProgressFile.Read(_dir));
        Assert.Contains("\"phase\":\"simulate\"", File.ReadAllText(Path.Combine(_dir, RunFiles.Progress)), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{\"phase\":\"simulate\",\"done\":3")]
    [InlineData("{\"phase\":\"warp\",\"done\":1,\"total\":2,\"unit\":\"x\"}")]
    [InlineData("{\"phase\":\"simulate\",\"done\":9,\"total\":3,\"unit\":\"trajectories\"}")]
    [InlineData("{\"phase\":\"sample\",\"done\":1,\"total\":2,\"unit\":\"\"}")]
    [InlineData("{\"phase\":\"sample\",\"done\":1,\"total\":2,\"unit\":\"shots\",\"etaSeconds\":-1}")]
    public void A_missing_torn_or_inconsistent_file_reads_as_no_progress(string? contents)
    {
        if (contents is not null) File.WriteAllText(Path.Combine(_dir, RunFiles.Progress), contents);

        Assert.Null(ProgressFile.Read(_dir));
    }

    [Fact]
    public void An_oversized_file_is_not_read()
    {
        File.WriteAllText(Path.Combine(_dir, RunFiles.Progress), "{\"phase\":\"sample\",\"done\":1,\"total\":2,\"unit\":\"shots\"" + new string(' ', 5000) + "}");

        Assert.Null(ProgressFile.Read(_dir));
    }
}
