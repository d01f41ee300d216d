using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>REPORT-RUNNING, -COMPLETED and -FAILED, one by one or several in one call (`/v1/agent/reports`), and what they carry.</summary>
public static partial class AgentsApi
{
    private static async Task<Ok<ReportsResponse>> Reports(ReportsRequest request, HttpContext context, TaskLedger ledger, ClaimLongPoll claims)
    {
        var call = Call(context, request.AgentId, request.Incarnation);
        var reports = request.Reports ?? [];
        if (reports.Count is 0 or > MaxReportBatch)
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidReports, $"reports must hold 1 to {MaxReportBatch} entries, not {reports.Count}", Origins.Agent);
        var operations = new List<(Guid, TaskOperation)>(reports.Count);
        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            if (report is not { TaskId: { } id })
                throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidReports, $"reports[{i}] has no taskId", Origins.Agent);
            operations.Add((id, report.Kind switch
            {
                TaskReport.Running => new TaskOperation.ReportRunning(call.AgentId, report.SchedulerJobId, call.Incarnation, report.SurvivesAgent ?? false),
                TaskReport.Completed => new TaskOperation.ReportCompleted(call.AgentId, ResultJson(report.Result, $"reports[{i}]"), call.Incarnation, Usage(report.Result, $"reports[{i}]")),
                TaskReport.Failed => new TaskOperation.ReportFailed(call.AgentId,
                    Failure(report.Code, report.Origin, report.Message, report.Detail, $"reports[{i}]"), call.Incarnation),
                _ => throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidReports,
                    $"reports[{i}].kind must be {TaskReport.Running}, {TaskReport.Completed} or {TaskReport.Failed}, not '{report.Kind}'", Origins.Agent),
            }));
        }
        var claim = request.ClaimMax is { } claimMax
            ? claims.Prepare(call, claimMax, ClaimMax(claimMax, "claimMax"), [.. request.Devices ?? []]).Spec
            : null;
        var done = await ledger.ReportAllAsync(call, operations, claim, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new ReportsResponse([.. done.Outcomes.Select((outcome, i) => Outcome(reports[i].TaskId!.Value, reports[i].Kind!, outcome))],
            Answer(done.Claimed)));
    }

    private static ReportOutcome Outcome(Guid id, string kind, TransitionOutcome? outcome) => outcome switch
    {
        null => new ReportOutcome(id, kind, StatusCodes.Status404NotFound, ErrorCodes.Task.NotFound, $"no task {id}"),
        TransitionOutcome.Refused refused => new ReportOutcome(id, kind, ControlPlaneException.From(refused.Refusal).Status, refused.Refusal.Code, refused.Refusal.Message),
        _ => new ReportOutcome(id, kind, StatusCodes.Status200OK),
    };

    /// <param name="where">Names the entry of a batch in the refusal ("reports[3]"); null for a single report.</param>
    private static string ResultJson(RunResult? result, string? where = null) => result is not null
        ? JsonSerializer.Serialize(result, WireJson.Default.RunResult)
        : throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidResult, $"{Prefix(where)}'result' must be the runner's result (result.json)", Origins.Agent);

    private static RunUsage? Usage(RunResult? result, string? where = null) => result switch
    {
        null => null,
        { CpuSeconds: < 0 or double.NaN } or { Simulations: < 0 } =>
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidResult, $"{Prefix(where)}the result's 'cpuSeconds' and 'simulations' cannot be negative", Origins.Agent),
        // Simulations is 0 only from a runner that predates it.
        _ => new RunUsage(result.CpuSeconds, result.Simulations > 0 ? result.Simulations : null),
    };

    private static TaskError Failure(string? code, string? origin, string? message, string? detail, string? where = null)
    {
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(message))
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidFailure, $"{Prefix(where)}a failure report needs 'code' and 'message'", Origins.Agent);
        origin ??= Origins.Agent;
        if (!Origins.All.Contains(origin))
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidOrigin, $"{Prefix(where)}origin '{origin}' is not one of {string.Join(", ", Origins.All)}", Origins.Agent);
        return new TaskError(code, origin, message, detail);
    }

    private static string Prefix(string? where) => where is null ? "" : $"{where}: ";
}
