using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Contracts.Agents;

/// <summary>
/// `POST /v1/tasks/{id}/running`. <see cref="SurvivesAgent"/>: the job is held by a cluster scheduler (Slurm), so a stale
/// agent alone does not requeue it.
/// </summary>
public sealed record ReportRunningRequest(string? AgentId, string? SchedulerJobId = null, string? Incarnation = null, bool? SurvivesAgent = null);

/// <summary>`POST /v1/tasks/{id}/completed`: the runner's result.json, as the run directory holds it.</summary>
public sealed record ReportCompletedRequest(string? AgentId, RunResult? Result, string? Incarnation = null);

/// <summary>`POST /v1/tasks/{id}/failed`: a stable code and who failed (scheduler, runner, agent).</summary>
public sealed record ReportFailedRequest(string? AgentId, string? Code, string? Origin, string? Message, string? Detail = null, string? Incarnation = null);

/// <summary>
/// `POST /v1/agent/reports`: several reports of one agent in one call and one transaction, applied in list order (a task's
/// running report before its completion). Each is decided alone: one refused leaves the others applied. With
/// <see cref="ClaimMax"/> (1 to 64: the slots free once these reports are in), the same transaction then claims up to that
/// many queued tasks of <see cref="Devices"/> without waiting, as `POST /v1/agent/claim` would: an agent finishing short
/// tasks reports them and takes their successors in one call.
/// </summary>
public sealed record ReportsRequest(string? AgentId, IReadOnlyList<TaskReport>? Reports, string? Incarnation = null, int? ClaimMax = null, IReadOnlyList<string>? Devices = null);

/// <summary>
/// One report of a batch. <see cref="Kind"/> is `running` (with <see cref="SchedulerJobId"/>, <see cref="SurvivesAgent"/>),
/// `completed` (with <see cref="Result"/>) or `failed` (with <see cref="Code"/>, <see cref="Origin"/>, <see cref="Message"/>,
/// <see cref="Detail"/>): the fields of the single report of that kind.
/// </summary>
public sealed record TaskReport(
    Guid? TaskId,
    string? Kind,
    string? SchedulerJobId = null,
    bool? SurvivesAgent = null,
    RunResult? Result = null,
    string? Code = null,
    string? Origin = null,
    string? Message = null,
    string? Detail = null)
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>The outcome of each report of a batch, in its order; with a claim, the tasks it took (absent when none).</summary>
public sealed record ReportsResponse(IReadOnlyList<ReportOutcome> Outcomes, ClaimResponse? Claimed = null);

/// <summary>
/// <see cref="Status"/> is the HTTP status the report alone would have had: 200 applied; 404 unknown task; 409 refused
/// (terminal, not this agent's, a later incarnation's), with the refusal's <see cref="Code"/> and <see cref="Detail"/>.
/// </summary>
public sealed record ReportOutcome(Guid TaskId, string Kind, int Status, string? Code = null, string? Detail = null);
