using Microsoft.Extensions.Logging;

namespace Qonduit.Agent;

internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Agent {AgentId} started (incarnation {Incarnation}): {Slots} slot(s), scheduler {Scheduler}, run root {RunRoot}")]
    public static partial void Started(this ILogger logger, string agentId, string incarnation, int slots, string scheduler, string runRoot);

    [LoggerMessage(2, LogLevel.Information, "Agent stopped; {Count} task(s) stay with the scheduler and are adopted on restart")]
    public static partial void Stopped(this ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Information, "Claimed task {TaskId} (attempt {Attempt}, device {Device} v{Version})")]
    public static partial void Claimed(this ILogger logger, string taskId, int attempt, string device, int version);

    [LoggerMessage(4, LogLevel.Information, "Task {TaskId} submitted as {Scheduler} job {JobId}")]
    public static partial void Submitted(this ILogger logger, string taskId, string scheduler, string jobId);

    [LoggerMessage(5, LogLevel.Warning, "Task {TaskId}: the scheduler refused the submit: {Reason}")]
    public static partial void SubmitRefused(this ILogger logger, string taskId, string reason);

    [LoggerMessage(6, LogLevel.Information, "Task {TaskId} reported {Outcome}{Detail}: {Answer}")]
    public static partial void Reported(this ILogger logger, string taskId, string outcome, string detail, string answer);

    [LoggerMessage(7, LogLevel.Warning, "Control plane unavailable ({Call}): {Message}")]
    public static partial void ControlPlaneUnavailable(this ILogger logger, string call, string message);

    [LoggerMessage(8, LogLevel.Warning, "Scheduler unavailable ({Call}): {Message}")]
    public static partial void SchedulerUnavailable(this ILogger logger, string call, string message);

    [LoggerMessage(9, LogLevel.Information, "Task {TaskId} let go ({Why}); job {JobId} cancelled, directory archived at {Archive}")]
    public static partial void Abandoned(this ILogger logger, string taskId, string why, string jobId, string archive);

    [LoggerMessage(10, LogLevel.Information, "Reconciling {Count} run director(ies) found in the run root")]
    public static partial void Reconciling(this ILogger logger, int count);

    [LoggerMessage(11, LogLevel.Information, "Task {TaskId}: adopted {Scheduler} job {JobId} left by an earlier run of this agent")]
    public static partial void Adopted(this ILogger logger, string taskId, string scheduler, string jobId);

    [LoggerMessage(12, LogLevel.Warning, "Task {TaskId}: REPORT-RUNNING refused ({Code}): {Message}")]
    public static partial void RunningRefused(this ILogger logger, string taskId, string code, string message);

    [LoggerMessage(13, LogLevel.Error, "Task {TaskId}: the claim could not be materialised: {Message}")]
    public static partial void MaterialiseFailed(this ILogger logger, string taskId, string message);

    [LoggerMessage(15, LogLevel.Warning, "Task {TaskId}: its run directory could not be archived: {Message}")]
    public static partial void ArchiveFailed(this ILogger logger, string taskId, string message);

    [LoggerMessage(16, LogLevel.Critical, "Agent {AgentId} stops: the control plane refused its id ({Message}). Give this agent another id, or have an admin run `qonduit keys bind-agent <key> {AgentId}`")]
    public static partial void IdTaken(this ILogger logger, string agentId, string message);

    [LoggerMessage(17, LogLevel.Information, "Task {TaskId}: fair share takes its slot back; {Scheduler} job {JobId} interrupted, the task stays held until the job ends")]
    public static partial void Interrupted(this ILogger logger, string taskId, string scheduler, string jobId);

    [LoggerMessage(14, LogLevel.Error, "Unexpected failure in the {Pipeline} pipeline")]
    public static partial void PipelineFailed(this ILogger logger, string pipeline, Exception exception);
}
