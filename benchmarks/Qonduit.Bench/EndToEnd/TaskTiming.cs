using Qonduit.Contracts.Tasks;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Bench.EndToEnd;

/// <summary>
/// One task's wall time cut into consecutive stages (milliseconds), all on this machine's clock:
/// admission = the submit call's round trip; queue→claim = record claimedAt − createdAt;
/// claim→job start = (result.json written − runner's own total) − claimedAt, i.e. materialise, submit to the scheduler,
/// the scheduler starting the job and the runner process starting; execution = the runner's own total (of which
/// simulation is the state-vector time); report→visible = the completed event reaching this client − result.json written
/// (the agent noticing the artifact, REPORT-COMPLETED, the event stream).
/// </summary>
public sealed record TaskTiming(
    int Qubits,
    double AdmissionMs,
    double QueueToClaimMs,
    double ClaimToJobStartMs,
    double ClaimToRunningReportMs,
    double ExecutionMs,
    double SimulateMs,
    double ArtifactToReportMs,
    double ReportToVisibleMs,
    double EndToEndMs)
{
    /// <summary>Everything but the simulation itself: what the service (and the scheduler) add to the user's wait.</summary>
    public double OverheadMs => EndToEndMs - SimulateMs;

    public static TaskTiming Measure(
        TaskView task, DateTimeOffset submitStarted, DateTimeOffset submitAnswered, DateTimeOffset completedSeen, string runDirectory)
    {
        var claimed = task.ClaimedAt ?? throw Broken(task, "has no claimedAt");
        var finished = task.FinishedAt ?? throw Broken(task, "has no finishedAt");
        var resultFile = Path.Combine(runDirectory, RunFiles.Result);
        var result = ArtifactFiles.ReadResult(runDirectory) switch
        {
            Artifact<RunResult>.Present present => present.Value,
            Artifact<RunResult>.Malformed malformed => throw Broken(task, $"left a malformed result.json: {malformed.Reason}"),
            _ => throw Broken(task, $"left no result.json in {runDirectory}"),
        };
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(resultFile));
        var jobStart = written - TimeSpan.FromMilliseconds(result.Timings.TotalMs);
        return new TaskTiming(
            task.NumQubits,
            Ms(submitAnswered - submitStarted),
            Ms(claimed - task.CreatedAt),
            Ms(jobStart - claimed),
            Ms((task.SubmittedAt ?? claimed) - claimed),
            result.Timings.TotalMs,
            result.Timings.SimulateMs,
            Ms(finished - written),
            Ms(completedSeen - finished),
            Ms(completedSeen - submitStarted));
    }

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);

    private static EndToEndBenchmarkException Broken(TaskView task, string what) =>
        new("bench.e2e-task-broken", $"task {task.Id} ({task.State.Name()}) {what}");
}

/// <summary>A benchmark that cannot run as asked (no Slurm, a bad flag, a task that did not complete).</summary>
public sealed class EndToEndBenchmarkException(string code, string message) : Circuits.QonduitException(code, message);
