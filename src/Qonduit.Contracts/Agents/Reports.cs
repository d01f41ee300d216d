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
