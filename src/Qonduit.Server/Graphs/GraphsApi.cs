using Qonduit.Server.Problems;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Graphs;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;

namespace Qonduit.Server.Graphs;

/// <summary>
/// Service graphs over HTTP (docs/orchestration.md §4): users post graphs, run them with inputs, follow and cancel runs;
/// each sees their own graphs and runs, an admin all.
/// </summary>
public static class GraphsApi
{
    public static IServiceCollection AddGraphs(this IServiceCollection services) =>
        services.AddSingleton<GraphCatalog>().AddSingleton<RunEngine>().AddHostedService<RunProgressService>();

    public static IEndpointRouteBuilder MapGraphs(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1").RequireAuthorization(AuthSetup.Submitters).WithTags("Graphs");
        users.MapPost("/graphs", Post).WithName("postGraph")
            .WithSummary("check and store a graph; 400 graph.* names the node and field of the first problem").ProducesProblem(400);
        users.MapGet("/graphs/{id:guid}", Get).WithName("getGraph").WithSummary("a graph with its definition as posted").ProducesProblem(404);
        users.MapPost("/graphs/{id:guid}/runs", Run).WithName("runGraph")
            .WithSummary("start a run with the graph's inputs; its first nodes are dispatched before the answer").ProducesProblem(400).ProducesProblem(404);
        users.MapGet("/runs", ListRuns).WithName("listRuns").WithSummary("the caller's runs (an admin's: all), newest first; by graph and status")
            .ProducesProblem(400);
        users.MapGet("/runs/{id:guid}", GetRun).WithName("getRun").WithSummary("a run's status and every node instance: state, attempts, timings, outputs").ProducesProblem(404);
        users.MapPost("/runs/{id:guid}/cancel", Cancel).WithName("cancelRun")
            .WithSummary("cancel the run: queued and running nodes are cancelled, their tasks too").ProducesProblem(404);
        return app;
    }

    private static async Task<Created<GraphView>> Post(GraphDefinition? definition, HttpContext context, IControlPlaneStore store, TimeProvider time, ConsumerPolicy consumers)
    {
        if (definition is null) throw ControlPlaneException.BadRequest(ErrorCodes.Graph.Invalid, "graph: the body is a graph definition");
        var graph = GraphCatalog.Check(definition);
        var caller = Caller.From(context.User);
        GraphConsumers.Check(graph, caller, consumers);
        var now = time.GetUtcNow();
        var record = new GraphRecord(Guid.CreateVersion7(now), caller.User, graph.Name, System.Text.Json.JsonSerializer.Serialize(definition, Contracts.WireJson.Default.GraphDefinition), now);
        await store.WriteAsync(w =>
        {
            w.InsertGraph(record);
            return 0;
        }, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/v1/graphs/{record.Id}", View(record, graph.NodeCount, definition));
    }

    private static Ok<GraphView> Get(Guid id, HttpContext context, GraphCatalog graphs)
    {
        var record = graphs.Visible(id, Caller.From(context.User));
        return TypedResults.Ok(View(record, graphs.Compiled(record).NodeCount, GraphCatalog.Definition(record)));
    }

    private static async Task<Created<RunView>> Run(Guid id, RunRequest? request, HttpContext context, GraphCatalog graphs, RunEngine engine, IControlPlaneStore store)
    {
        var graph = graphs.Visible(id, Caller.From(context.User));
        var run = await engine.StartAsync(graph, request?.Inputs ?? new JsonObject(), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Created($"/v1/runs/{run.Id}", RunRows.View(run, store.RunNodes(run.Id)));
    }

    private static Ok<RunPage> ListRuns(HttpContext context, IControlPlaneStore store, Guid? graph, string? status, int? limit)
    {
        var caller = Caller.From(context.User);
        if (status is not null && status is not ("running" or "succeeded" or "failed" or "cancelled"))
            throw ControlPlaneException.BadRequest(ErrorCodes.Graph.Invalid, $"'{status}' is not a run status (running, succeeded, failed, cancelled)");
        if (limit is < 1 or > 1000) throw ControlPlaneException.BadRequest(ErrorCodes.Graph.Invalid, "limit is 1 to 1,000");
        var runs = store.ListRuns(new RunQuery(caller.TenantScope, graph, status, limit ?? 100));
        return TypedResults.Ok(new RunPage([.. runs.Select(r => new RunSummaryView(r.Id, r.GraphId, r.Owner, r.Status, r.CreatedAt, r.EndedAt))]));
    }

    private static Ok<RunView> GetRun(Guid id, HttpContext context, RunEngine engine, IControlPlaneStore store)
    {
        var run = engine.Visible(id, Caller.From(context.User));
        return TypedResults.Ok(RunRows.View(run, store.RunNodes(run.Id)));
    }

    private static async Task<Ok<RunView>> Cancel(Guid id, HttpContext context, RunEngine engine, IControlPlaneStore store)
    {
        var run = await engine.CancelAsync(id, Caller.From(context.User), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(RunRows.View(run, store.RunNodes(run.Id)));
    }

    private static GraphView View(GraphRecord record, int nodes, GraphDefinition definition) =>
        new(record.Id, record.Name, record.Owner, record.CreatedAt, nodes, definition);
}
