using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Auth;

namespace Qonduit.Server.Resources;

/// <summary>Every resource of every kind with its load indices, for any authenticated caller (docs/orchestration.md).</summary>
public static class ResourcesApi
{
    public static IServiceCollection AddResources(this IServiceCollection services) =>
        services.AddSingleton<PoolBoard>().AddSingleton<LoadIndexBoard>().AddSingleton<ResourceCatalog>();

    public static IEndpointRouteBuilder MapResources(this IEndpointRouteBuilder app)
    {
        var resources = app.MapGroup("/v1/resources").RequireAuthorization(AuthSetup.Anyone).WithTags("Resources");
        resources.MapGet("", (ResourceCatalog catalog) => TypedResults.Ok(catalog.List().ToList())).WithName("listResources")
            .WithSummary("every QPU device and declared pool with its kind, lanes or slots, state and load indices");
        resources.MapGet("/{name}", Ok<ResourceView> (string name, ResourceCatalog catalog) => TypedResults.Ok(catalog.Find(name)))
            .WithName("getResource").WithSummary("one resource with its load indices").ProducesProblem(404);
        return app;
    }
}
