using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Auth;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Resources;

/// <summary>
/// Every resource of every kind with its load indices, for any authenticated caller; the declared load indices; values
/// pushed by reporters outside any agent, and each reported index's recent history (docs/orchestration.md).
/// </summary>
public static class ResourcesApi
{
    public static IServiceCollection AddResources(this IServiceCollection services) =>
        services.AddSingleton<PoolBoard>().AddSingleton<LoadIndexBoard>().AddSingleton<LoadIndexCatalog>().AddSingleton<LoadIndexIngest>()
            .AddSingleton<ResourceCatalog>().AddSingleton<LoadIndexStaleMonitor>().AddHostedService(sp => sp.GetRequiredService<LoadIndexStaleMonitor>());

    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/v1/resources").RequireAuthorization(AuthSetup.Anyone).WithTags("Resources");
        resources.MapGet("", (ResourceCatalog catalog) => TypedResults.Ok(catalog.List().ToList())).WithName("listResources")
            .WithSummary("every QPU device and declared pool with its kind, lanes or slots, state and load indices");
        resources.MapGet("/{name}", Ok<ResourceView> (string name, ResourceCatalog catalog) => TypedResults.Ok(catalog.Find(name)))
            .WithName("getResource").WithSummary("one resource with its load indices").ProducesProblem(404);
        resources.MapGet("/{name}/indices/{index}/history", History).WithName("getLoadIndexHistory")
            .WithSummary("the last samples (at most 360, oldest first) of one index reported for a resource").ProducesProblem(404);
        resources.MapPost("/{name}/indices", Ok<PushLoadIndicesResponse> (string name, PushLoadIndicesRequest request, LoadIndexIngest ingest) =>
                TypedResults.Ok(ingest.Push(name, request)))
            .RequireAuthorization(p => p.RequireRole(ApiKeyRoles.Agent, ApiKeyRoles.Admin)).WithName("pushLoadIndices")
            .WithSummary("ELIM lines for a resource from a reporter outside any agent; seq must grow with each push")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413);

        var indices = app.MapGroup("/v1/loadindices").WithTags("Resources");
        indices.MapGet("", (LoadIndexCatalog catalog) => TypedResults.Ok(catalog.View())).RequireAuthorization(AuthSetup.Anyone)
            .WithName("listLoadIndices").WithSummary("the built-in and declared load indices, with the catalogue's version");
        indices.MapPut("/{name}", async Task<Ok<LoadIndexDeclarationView>> (string name, DeclareLoadIndexRequest request, LoadIndexCatalog catalog, HttpContext context) =>
                TypedResults.Ok(await catalog.DeclareAsync(name, request, context.RequestAborted).ConfigureAwait(false)))
            .RequireAuthorization(AuthSetup.Admins).WithName("declareLoadIndex")
            .WithSummary("declares a load index or replaces its declaration").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        return app;
    }

    private static Ok<LoadIndexHistoryView> History(string name, string index, ResourceCatalog resources, LoadIndexCatalog catalog, LoadIndexBoard board, TimeProvider time)
    {
        resources.Find(name);
        if (catalog.Reported.Find(index) is not { } declaration)
            throw ControlPlaneException.NotFound(ErrorCodes.LoadIndex.NotFound, $"no declared load index '{(index.Length <= 64 ? index : index[..64] + "…")}' (built-in ones keep no history)");
        var samples = board.History(name, index, time.GetUtcNow()).Select(s => new LoadIndexSampleView(s.Value.ToJson(), s.ReceivedAt)).ToList();
        return TypedResults.Ok(new LoadIndexHistoryView(name, index, declaration.Unit, (int)declaration.Interval.TotalMilliseconds, samples));
    }
}
