using Qonduit.Contracts;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Tasks;

/// <summary>The user side of tasks: submit, read, list, cancel, result. A task of another tenant is a 404.</summary>
public static class TasksApi
{
    public static IServiceCollection AddTasks(this IServiceCollection services) =>
        services.AddSingleton<TaskAdmission>().AddSingleton<TaskLedger>().AddSingleton<TaskProgressBoard>().AddSingleton<TaskViewBuilder>();

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/v1/tasks").RequireAuthorization(AuthSetup.Submitters).WithTags("Tasks");
        tasks.MapPost("", Submit).WithName("submitTask").WithSummary("submit a circuit; admitted synchronously against the advertised snapshot")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
        tasks.MapGet("/{id:guid}", Get).WithName("getTask").ProducesProblem(404);
        tasks.MapGet("", List).WithName("listTasks").WithSummary("the caller's tasks (an admin's: everyone's), newest first");
        tasks.MapPost("/{id:guid}/cancel", Cancel).WithName("cancelTask").ProducesProblem(404).ProducesProblem(409);
        tasks.MapGet("/{id:guid}/result", Result).WithName("getTaskResult").WithSummary("409 until the task is terminal").ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Created<TaskView>> Submit(SubmitTaskRequest request, HttpContext context, TaskAdmission admission, TaskLedger ledger, TaskViewBuilder views)
    {
        var caller = Caller.From(context.User);
        var admitted = admission.Admit(request, caller);
        var stored = await ledger.SubmitAsync(admitted, request.LeaseToken, caller.IsAdmin, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/v1/tasks/{stored.Id}", views.Of(stored, caller));
    }

    private static Ok<TaskView> Get(Guid id, HttpContext context, IControlPlaneStore store, TaskViewBuilder views)
    {
        var caller = Caller.From(context.User);
        return TypedResults.Ok(views.Of(Visible(store, id, caller), caller));
    }

    private static Ok<TaskPage> List(
        HttpContext context, IControlPlaneStore store, TaskViewBuilder views, IOptions<ServerOptions> options,
        string? state, string? device, string? cursor, int? limit)
    {
        TaskState? wanted = null;
        if (state is not null)
        {
            wanted = TaskStates.TryParse(state, out var parsed) ? parsed
                : throw ControlPlaneException.BadRequest(ErrorCodes.Task.InvalidState, $"'{state}' is not a task state (queued, running, completed, failed, cancelled)");
        }
        long? before = null;
        if (cursor is not null)
        {
            before = long.TryParse(cursor, out var c) && c > 0 ? c : throw ControlPlaneException.BadRequest(ErrorCodes.Task.InvalidCursor, $"'{cursor}' is not a cursor from a previous page");
        }
        var size = limit ?? 100;
        if (size < 1 || size > options.Value.MaxPageSize)
            throw ControlPlaneException.BadRequest(ErrorCodes.Task.InvalidLimit, $"limit must be 1..{options.Value.MaxPageSize}");
        var caller = Caller.From(context.User);
        var page = store.ListTasks(new TaskQuery(caller.TenantScope, wanted, device, null, before, size));
        var next = page.Count == size ? page[^1].Sequence.ToString() : null;
        return TypedResults.Ok(new TaskPage(views.Of(page, caller), next));
    }

    private static async Task<Ok<TaskView>> Cancel(Guid id, HttpContext context, TaskLedger ledger, TaskViewBuilder views)
    {
        var caller = Caller.From(context.User);
        var task = await ledger.ApplyAsync(id, (_, _) => new TaskOperation.Cancel(caller.Name), t => caller.CanSee(t.Tenant), context.RequestAborted)
            .ConfigureAwait(false);
        return TypedResults.Ok(views.Of(task, caller));
    }

    private static Ok<TaskResultView> Result(Guid id, HttpContext context, IControlPlaneStore store)
    {
        var task = Visible(store, id, Caller.From(context.User));
        if (!task.IsTerminal)
        {
            throw ControlPlaneException.Conflict(ErrorCodes.Task.NotTerminal, $"task {id} is {task.State.Name()}; its result exists once it is terminal",
                new Dictionary<string, object?> { ["state"] = task.State.Name() });
        }
        var result = task.ResultJson is null ? null : JsonSerializer.Deserialize(task.ResultJson, WireJson.Default.RunResult);
        return TypedResults.Ok(new TaskResultView(task.Id, task.State, task.BoundSnapshotVersion, result, task.Error));
    }

    private static TaskRecord Visible(IControlPlaneStore store, Guid id, Caller caller) =>
        store.GetTask(id) is { } task && caller.CanSee(task.Tenant) ? task : throw ControlPlaneException.NotFound(ErrorCodes.Task.NotFound, $"no task {id}");
}
