using Qonduit.Placement.Requirements;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;
using Qonduit.Server.Resources;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>The agent protocol (CLAIM, HEARTBEAT, REPORT-*) and its admin side (REQUEUE, FORCE-FAIL, /v1/agents).</summary>
public static partial class AgentsApi
{
    private const int MaxIncarnationLength = 100;

    /// <summary>Tasks one claim may take: enough for any agent's free slots, few enough that one transaction stays short.</summary>
    public const int MaxClaimBatch = 64;

    /// <summary>Reports one call may carry.</summary>
    public const int MaxReportBatch = 256;

    /// <summary>A day: beyond it an agent would be stale long before its second heartbeat.</summary>
    private const int MaxHeartbeatIntervalMs = 86_400_000;

    public static IServiceCollection AddAgents(this IServiceCollection services) =>
        services.AddSingleton<WorkSignal>().AddSingleton<ClaimLongPoll>().AddSingleton<CancellationLongPoll>().AddSingleton<AgentLiveness>().AddSingleton<AgentStaleMonitor>()
            .AddHostedService(sp => sp.GetRequiredService<AgentStaleMonitor>());

    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Agents).WithTags("Agent protocol");
        agent.MapPost("/agent/claim", Claim).WithName("claimTask")
            .WithSummary("long poll: waits up to waitMs for queued tasks, then takes up to max of them; 204 when none arrived").ProducesProblem(403);
        agent.MapPost("/agent/reports", Reports).WithName("sendReports")
            .WithSummary("several running, completed and failed reports in one transaction, each decided alone; the outcome of each in order").ProducesProblem(403);
        agent.MapPost("/agent/heartbeat", Heartbeat).WithName("sendHeartbeat")
            .WithSummary("liveness, held tasks and their progress; with waitMs, answers as soon as a listed task is cancelled or interrupted (long poll)").ProducesProblem(403);
        agent.MapPost("/tasks/{id:guid}/running", (Guid id, ReportRunningRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, Call(c, r.AgentId, r.Incarnation), call => new TaskOperation.ReportRunning(call.AgentId, r.SchedulerJobId, call.Incarnation, r.SurvivesAgent ?? false)))
            .WithName("reportRunning").ProducesProblem(403).ProducesProblem(409);
        agent.MapPost("/tasks/{id:guid}/completed", (Guid id, ReportCompletedRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, Call(c, r.AgentId, r.Incarnation), call => new TaskOperation.ReportCompleted(call.AgentId, ResultJson(r.Result), call.Incarnation, Usage(r.Result))))
            .WithName("reportCompleted").ProducesProblem(403).ProducesProblem(409);
        agent.MapPost("/tasks/{id:guid}/failed", (Guid id, ReportFailedRequest r, TaskLedger l, HttpContext c) =>
            Report(id, l, c, Call(c, r.AgentId, r.Incarnation), call => new TaskOperation.ReportFailed(call.AgentId, Failure(r.Code, r.Origin, r.Message, r.Detail), call.Incarnation)))
            .WithName("reportFailed").ProducesProblem(403).ProducesProblem(409);

        var admin = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Admins).WithTags("Administration");
        admin.MapPost("/tasks/{id:guid}/requeue", Requeue).WithName("requeueTask").WithSummary("running → queued once the owner is stale, or with force").ProducesProblem(409);
        admin.MapPost("/tasks/{id:guid}/force-fail", ForceFail).WithName("forceFailTask").ProducesProblem(409);
        admin.MapGet("/agents", List).WithName("listAgents");
        return app;
    }

    private static async Task<Results<Ok<ClaimResponse>, NoContent>> Claim(
        ClaimRequest request, HttpContext context, ClaimLongPoll longPoll, IOptions<ServerOptions> options)
    {
        var capacity = request.Capacity ?? 1;
        if (capacity < 1) throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidCapacity, "capacity must be at least 1 (claim only with a free slot)", Origins.Agent);
        var max = ClaimMax(request.Max ?? 1, "max");
        if (request.WaitMs < 0) throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidWait, $"waitMs must not be negative, not {request.WaitMs}", Origins.Agent);
        // Longer waits are cut to the server's bound rather than refused, so an agent configured for a longer poll still works.
        var wait = TimeSpan.FromMilliseconds(Math.Min(request.WaitMs ?? 0, options.Value.MaxClaimWaitMs));
        var call = Call(context, request.AgentId, request.Incarnation);
        var claimed = await longPoll.ClaimAsync(call, capacity, Math.Min(max, capacity), [.. request.Devices ?? []], wait, context.RequestAborted).ConfigureAwait(false);
        return Answer(claimed) is { } answer ? TypedResults.Ok(answer) : TypedResults.NoContent();
    }

    private static int ClaimMax(int max, string field) => max is >= 1 and <= MaxClaimBatch
        ? max
        : throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidMax, $"{field} must be between 1 and {MaxClaimBatch}, not {max}", Origins.Agent);

    /// <summary>The claimed tasks as the wire has them, each with its snapshot (each distinct one parsed once); null for none.</summary>
    private static ClaimResponse? Answer(IReadOnlyList<ClaimedTask> claimed)
    {
        if (claimed.Count == 0) return null;
        var snapshots = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        ClaimResponse One(ClaimedTask c)
        {
            if (!snapshots.TryGetValue(c.Device.SnapshotJson, out var snapshot))
            {
                using var parsed = JsonDocument.Parse(c.Device.SnapshotJson);
                snapshots[c.Device.SnapshotJson] = snapshot = parsed.RootElement.Clone();
            }
            return new ClaimResponse(TaskViews.Claimed(c.Task), snapshot);
        }
        return One(claimed[0]) with { More = claimed.Count > 1 ? [.. claimed.Skip(1).Select(One)] : null };
    }

    private static async Task<Ok<HeartbeatResponse>> Heartbeat(
        HeartbeatRequest request, HttpContext context, TaskLedger ledger, TaskProgressBoard board, PoolBoard pools,
        CancellationLongPoll cancellations, LoadIndexIngest loadIndices, LoadIndexCatalog loadIndexCatalog, IOptions<ServerOptions> options)
    {
        var call = Call(context, request.AgentId, request.Incarnation);
        var interval = request.HeartbeatIntervalMs switch
        {
            null => options.Value.AssumedHeartbeatInterval,
            >= 1 and <= MaxHeartbeatIntervalMs => TimeSpan.FromMilliseconds(request.HeartbeatIntervalMs.Value),
            _ => throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidHeartbeatInterval,
                $"heartbeatIntervalMs must be between 1 and {MaxHeartbeatIntervalMs}, not {request.HeartbeatIntervalMs}", Origins.Agent),
        };
        if (request.WaitMs < 0) throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidWait, $"waitMs must not be negative, not {request.WaitMs}", Origins.Agent);
        // As for a claim, a longer wait is cut to the server's bound rather than refused.
        var wait = TimeSpan.FromMilliseconds(Math.Min(request.WaitMs ?? 0, options.Value.MaxClaimWaitMs));
        var listed = (request.TaskIds ?? []).ToHashSet();
        var progress = Progress(request.Progress, listed);
        var declared = request.Pools ?? [];
        if (PoolDeclaration.Problem(declared) is { } problem)
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidPools, $"pools are refused: {problem}", Origins.Agent);
        if (PoolSelects.Problem(declared.Select(p => (p.Name, p.Select))) is { } selectProblem)
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidPools, $"pools are refused: {selectProblem}", Origins.Agent);
        if (CommandsProblem(request.Commands) is { } commandsProblem)
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidPools, $"commands are refused: {commandsProblem}", Origins.Agent);
        using var watch = cancellations.Watch();
        var answer = await ledger.HeartbeatAsync(call, listed, interval, context.RequestAborted).ConfigureAwait(false);
        board.Record(call.AgentId, listed, progress);
        pools.Record(call.AgentId, declared, request.Commands);
        // Bad values are dropped and counted, not refused: an agent validating against an older catalogue keeps its heartbeat.
        loadIndices.Heartbeat(call.AgentId, declared, request.Indices);
        var response = await cancellations.WaitAsync(watch, answer, listed, wait, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(response with { LoadIndicesVersion = loadIndexCatalog.Version });
    }

    /// <summary>At most this many command names in a heartbeat: agent.json's bound.</summary>
    public const int MaxCommands = 256;

    /// <summary>An agent's command names follow agent.json's rules (<see cref="TaskCommand.IsName"/>), so no heartbeat carries what no agent.json could.</summary>
    private static string? CommandsProblem(IReadOnlyList<string>? commands)
    {
        if (commands is null) return null;
        if (commands.Count > MaxCommands) return $"at most {MaxCommands} commands, not {commands.Count}";
        foreach (var name in commands)
        {
            if (!TaskCommand.IsName(name)) return $"'{name}' is not a command name (a letter or '_' then letters, digits or '_', at most {TaskCommand.MaxNameLength})";
        }
        return null;
    }

    /// <summary>Progress is for listed tasks only and must be self-consistent; a bad entry refuses the heartbeat rather than show nonsense.</summary>
    private static IReadOnlyDictionary<Guid, TaskProgress> Progress(IReadOnlyDictionary<Guid, TaskProgress>? reported, HashSet<Guid> listed)
    {
        if (reported is null) return new Dictionary<Guid, TaskProgress>();
        foreach (var (id, progress) in reported)
        {
            var problem = !listed.Contains(id) ? "it is not among the listed taskIds" : progress is null ? "it is null" : progress.Problem();
            if (problem is not null)
                throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidProgress, $"progress of task {id} is refused: {problem}", Origins.Agent);
        }
        return reported;
    }

    private static async Task<Ok<TaskView>> Report(Guid id, TaskLedger ledger, HttpContext context, AgentCall call, Func<AgentCall, TaskOperation> report) =>
        TypedResults.Ok(TaskViews.From(await ledger.ReportAsync(id, report(call), call, context.RequestAborted).ConfigureAwait(false)));

    private static async Task<Ok<TaskView>> Requeue(Guid id, RequeueRequest? request, HttpContext context, TaskLedger ledger, AgentLiveness liveness, TaskViewBuilder views)
    {
        var caller = Caller.From(context.User);
        var task = await ledger.ApplyAsync(id, (w, t) => new TaskOperation.Requeue(caller.Name, request?.Force ?? false,
            OwnerStale: t.Owner is null || w.GetAgent(t.Owner) is not { } owner || liveness.IsStale(owner)), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(views.Of(task, caller));
    }

    private static async Task<Ok<TaskView>> ForceFail(Guid id, ForceFailRequest request, HttpContext context, TaskLedger ledger)
    {
        if (string.IsNullOrWhiteSpace(request.Reason)) throw ControlPlaneException.BadRequest(ErrorCodes.Task.MissingReason, "force-fail needs a 'reason'", Origins.Admin);
        var by = Caller.From(context.User).Name;
        var task = await ledger.ApplyAsync(id, (_, _) => new TaskOperation.ForceFail(by, request.Reason), cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(TaskViews.From(task));
    }

    private static Ok<List<AgentView>> List(IControlPlaneStore store, AgentLiveness liveness)
    {
        // Every running task in one read, grouped by owner, instead of one read per agent.
        var owned = store.ListTasks(new TaskQuery(State: TaskState.Running, Limit: int.MaxValue))
            .Where(t => t.Owner is not null).ToLookup(t => t.Owner!, t => t.Id, StringComparer.Ordinal);
        return TypedResults.Ok(store.ListAgents().Select(a => new AgentView(
            a.AgentId, a.KeyName, a.LastHeartbeat, a.Capacity, a.Devices, [.. owned[a.AgentId]],
            liveness.IsStale(a), a.KeyId, a.Incarnation)).ToList());
    }

    private static AgentCall Call(HttpContext context, string? agentId, string? incarnation)
    {
        if (string.IsNullOrWhiteSpace(agentId) || agentId.Length > 200)
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.MissingId, "'agentId' (1 to 200 characters) is required", Origins.Agent);
        if (incarnation is not null && (incarnation.Length is 0 or > MaxIncarnationLength || incarnation.Any(char.IsControl)))
            throw ControlPlaneException.BadRequest(ErrorCodes.Agent.InvalidIncarnation, $"'incarnation' is 1 to {MaxIncarnationLength} printable characters when given", Origins.Agent);
        return AgentCall.From(context, agentId, incarnation);
    }
}
