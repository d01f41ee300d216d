using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Agent.Scheduling;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Runs;

/// <summary>
/// The agent's side of one run directory: beside the runner's files it records what the agent did (the submit
/// intent, the scheduler's job id, that REPORT-RUNNING was sent, the final report), so a restarted agent knows
/// exactly how far it got and never submits the same claim twice.
/// </summary>
public sealed class RunDirectory(string path)
{
    public const string JobFile = "agent-job.json";
    public const string SubmitIntentFile = "agent-submit-intent";
    public const string RunningReportedFile = "agent-running-reported";
    public const string ReportFile = "agent-report.json";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string TaskId => System.IO.Path.GetFileName(Path);

    public bool HasPayload => File.Exists(PathOf(RunFiles.Payload));

    /// <summary>Written just before SUBMIT: a directory with this but no job record may or may not have a job.</summary>
    public bool SubmitIntended => File.Exists(PathOf(SubmitIntentFile));

    public bool RunningReported => File.Exists(PathOf(RunningReportedFile));

    public void MarkSubmitIntended() => File.WriteAllText(PathOf(SubmitIntentFile), "");

    public void MarkRunningReported() => File.WriteAllText(PathOf(RunningReportedFile), "");

    public JobRecord? ReadJob()
    {
        var file = PathOf(JobFile);
        if (!File.Exists(file)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), RunDirectoryJsonContext.Default.JobRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void WriteJob(JobRecord job) =>
        RunFiles.WriteAtomically(PathOf(JobFile), JsonSerializer.Serialize(job, RunDirectoryJsonContext.Default.JobRecord));

    public void WriteReport(ReportRecord report) =>
        RunFiles.WriteAtomically(PathOf(ReportFile), JsonSerializer.Serialize(report, RunDirectoryJsonContext.Default.ReportRecord));

    public JobRef? Job => ReadJob() is { } job ? new JobRef(job.JobId, Path) : null;

    private string PathOf(string name) => System.IO.Path.Combine(Path, name);
}

/// <summary>The job that realises a run directory, as the scheduler named it.</summary>
public sealed record JobRecord(string Scheduler, string JobId, DateTimeOffset SubmittedAt);

/// <summary>The one terminal report the agent made for a run directory, and what the server answered.</summary>
public sealed record ReportRecord(string Outcome, string? Code, string? Origin, string? Message, string Answer, DateTimeOffset At);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(JobRecord))]
[JsonSerializable(typeof(ReportRecord))]
internal sealed partial class RunDirectoryJsonContext : JsonSerializerContext;
