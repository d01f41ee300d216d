using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qonduit.Server.Auth;
using Qonduit.Server.Events;
using Qonduit.Server.Problems;
using Qonduit.Server.Storage;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>The agent protocol (CLAIM, HEARTBEAT, REPORT-*) and its admin side (REQUEUE, FORCE-FAIL, /v1/agents).</summary>
public static class AgentsApi
{
    public static IServiceCollection AddAgents(this IServiceCollection services) =>
        services.AddSingleton<WorkSignal>().AddSingleton<AgentLiveness>().AddSingleton<AgentStaleMonitor>()
            .AddHostedService(sp => sp.GetRequiredService<AgentStaleMonitor>());

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Agents).WithTags("Agent protocol");
        agent.MapPost("/agent/claim", Claim).WithSummary("long poll: waits up to waitMs for a queued task; 204 when none arrived");
        agent.MapPost("/agent/heartbeat", Heartbeat);
        agent.MapPost("/tasks/{id:guid}/running", (Guid id, ReportRunningRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, new TaskOperation.ReportRunning(AgentId(r.AgentId), r.SchedulerJobId))).ProducesProblem(409);
        agent.MapPost("/tasks/{id:guid}/completed", (Guid id, ReportCompletedRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, new TaskOperation.ReportCompleted(AgentId(r.AgentId), ResultJson(r)))).ProducesProblem(409);
        agent.MapPost("/tasks/{id:guid}/failed", (Guid id, ReportFailedRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, new TaskOperation.ReportFailed(AgentId(r.AgentId), Failure(r)))).ProducesProblem(409);

        var admin = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Admins).WithTags("Administration");
        admin.MapPost("/tasks/{id:guid}/requeue", Requeue).WithSummary("running → queued once the owner is stale, or with force").ProducesProblem(409);
        admin.MapPost("/tasks/{id:guid}/force-fail", ForceFail).ProducesProblem(409);
        admin.MapGet("/agents", List);
        return app;
    }

    private static async Task<Results<Ok<ClaimResponse>, NoContent>> Claim(
        ClaimRequest request, HttpContext context, TaskLedger ledger, WorkSignal work, TimeProvider time,
        IOptions<ServerOptions> options, IHostApplicationLifetime lifetime)
    {
        var capacity = request.Capacity ?? 1;
        if (capacity < 1) throw ControlPlaneException.BadRequest("agent.invalid-capacity", "capacity must be at least 1 (claim only with a free slot)", Origins.Agent);
        if (request.WaitMs < 0) throw ControlPlaneException.BadRequest("agent.invalid-wait", $"waitMs must not be negative, not {request.WaitMs}", Origins.Agent);
        // Longer waits are cut to the server's bound rather than refused, so an agent configured for a longer poll still works.
        var waitMs = Math.Min(request.WaitMs ?? 0, options.Value.MaxClaimWaitMs);
        var agent = new AgentRecord(AgentId(request.AgentId), Caller.From(context.User).Name, time.GetUtcNow(), capacity,
            [.. request.Devices ?? []]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var deadline = time.GetUtcNow().AddMilliseconds(waitMs);
        try
        {
            while (true)
            {
                var arrived = work.Next;
                var claimed = await ledger.TryClaimAsync(agent, stop.Token).ConfigureAwait(false);
                if (claimed is not null)
                {
                    using var snapshot = System.Text.Json.JsonDocument.Parse(claimed.Device.SnapshotJson);
                    return TypedResults.Ok(new ClaimResponse(ClaimedTaskView.From(claimed.Task), snapshot.RootElement.Clone()));
                }
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero) return TypedResults.NoContent();
                await arrived.WaitAsync(remaining, time, stop.Token).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            return TypedResults.NoContent();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The agent went away or the server is stopping: a long poll cut short is an ordinary "no work" (a claim
            // write withdrawn by the cancellation committed nothing), not an error to log.
            return TypedResults.NoContent();
        }
    }

    private static async Task<Ok<HeartbeatResponse>> Heartbeat(
        HeartbeatRequest request, HttpContext context, IControlPlaneStore store, EventHub hub, TimeProvider time)
    {
        var agentId = AgentId(request.AgentId);
        var keyName = Caller.From(context.User).Name;
        var answer = await store.WriteAsync(w =>
        {
            var known = w.GetAgent(agentId);
            w.SaveAgent(known is null
                ? new AgentRecord(agentId, keyName, time.GetUtcNow(), 0, [])
                : known with { LastHeartbeat = time.GetUtcNow(), StaleReported = false });
            var cancelled = new List<Guid>();
            var unknown = new List<Guid>();
            foreach (var id in (request.TaskIds ?? []).Distinct())
            {
                var task = w.GetTask(id);
                if (task is null || task.Owner != agentId) unknown.Add(id);
                else if (task.State == TaskState.Cancelled) cancelled.Add(id);
                else if (task.State != TaskState.Running) unknown.Add(id);
            }
            return new HeartbeatResponse(cancelled, unknown);
        }, hub.Publish, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<TaskView>> Report(Guid id, TaskLedger ledger, HttpContext context, TaskOperation report) =>
        TypedResults.Ok(TaskView.From(await ledger.ApplyAsync(id, (_, _) => report, cancellationToken: context.RequestAborted).ConfigureAwait(false)));

    private static async Task<Ok<TaskView>> Requeue(Guid id, RequeueRequest? request, HttpContext context, TaskLedger ledger, AgentLiveness liveness)
    {
        var by = Caller.From(context.User).Name;
        var task = await ledger.ApplyAsync(id, (w, t) => new TaskOperation.Requeue(by, request?.Force ?? false,
            OwnerStale: t.Owner is null || w.GetAgent(t.Owner) is not { } owner || liveness.IsStale(owner)), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(TaskView.From(task));
    }

    private static async Task<Ok<TaskView>> ForceFail(Guid id, ForceFailRequest request, HttpContext context, TaskLedger ledger)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw ControlPlaneException.BadRequest("task.missing-reason", "force-fail needs a 'reason'", Origins.Admin);
        var by = Caller.From(context.User).Name;
        var task = await ledger.ApplyAsync(id, (_, _) => new TaskOperation.ForceFail(by, request.Reason), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(TaskView.From(task));
    }

    private static Ok<List<AgentView>> List(IControlPlaneStore store, AgentLiveness liveness) =>
        TypedResults.Ok(store.ListAgents().Select(a => new AgentView(
            a.AgentId, a.KeyName, a.LastHeartbeat, a.Capacity, a.Devices,
            [.. store.ListTasks(new TaskQuery(State: TaskState.Running, Owner: a.AgentId, Limit: 10_000)).Select(t => t.Id)],
            liveness.IsStale(a))).ToList());

    private static string AgentId(string? agentId) =>
        string.IsNullOrWhiteSpace(agentId) || agentId.Length > 200
            ? throw ControlPlaneException.BadRequest("agent.missing-id", "'agentId' (1 to 200 characters) is required", Origins.Agent)
            : agentId;

    private static string ResultJson(ReportCompletedRequest request) =>
        request.Result.ValueKind == System.Text.Json.JsonValueKind.Object
            ? request.Result.GetRawText()
            : throw ControlPlaneException.BadRequest("agent.invalid-result", "'result' must be a JSON object", Origins.Agent);

    private static TaskError Failure(ReportFailedRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Code) || string.IsNullOrWhiteSpace(request.Message))
            throw ControlPlaneException.BadRequest("agent.invalid-failure", "a failure report needs 'code' and 'message'", Origins.Agent);
        var origin = request.Origin ?? Origins.Agent;
        if (!Origins.All.Contains(origin))
            throw ControlPlaneException.BadRequest("agent.invalid-origin", $"origin '{origin}' is not one of {string.Join(", ", Origins.All)}", Origins.Agent);
        return new TaskError(request.Code, origin, request.Message, request.Detail);
    }
}
