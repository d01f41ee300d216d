using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Runner.Tests.RunDirectories;

public sealed class ArtifactFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qonduit-artifact-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void No_file_reads_as_missing()
    {
        Assert.IsType<Artifact<RunResult>.Missing>(ArtifactFiles.ReadResult(_dir));
        Assert.IsType<Artifact<RunError>.Missing>(ArtifactFiles.ReadError(_dir));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"schemaVersion\":1,\"taskId\":\"t\",\"cou")]
    [InlineData("{\"schemaVersion\":7,\"taskId\":\"t\"}")]
    [InlineData("{\"schemaVersion\":1,\"taskId\":\"t\"}")]
    [InlineData("null")]
    public void A_truncated_or_foreign_result_reads_as_malformed(string text)
    {
        File.WriteAllText(Path.Combine(_dir, RunFiles.Result), text);
        Assert.IsType<Artifact<RunResult>.Malformed>(ArtifactFiles.ReadResult(_dir));
    }

    [Fact]
    public void A_written_error_reads_back_with_its_code()
    {
        ArtifactFiles.WriteError(_dir, new RunError { TaskId = "t", Code = ErrorCodes.Runner.CircuitInvalid, Message = "line 3: unknown gate" });
        var read = Assert.IsType<Artifact<RunError>.Present>(ArtifactFiles.ReadError(_dir));
        Assert.Equal(ErrorCodes.Runner.CircuitInvalid, read.Value.Code);
        Assert.Equal(["error.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
