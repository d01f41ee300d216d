using Microsoft.AspNetCore.Http.HttpResults;
using Qonduit.Contracts.Placement;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using Qonduit.Server.Auth;
using Qonduit.Server.Resources;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Placement;

/// <summary>
/// Placement by resource requirement: the services the claim and submission use, and `POST /v1/placement/explain`, which
/// evaluates a requirement over every resource now (like LSF `lsload -R`) without queueing anything.
/// </summary>
public static class PlacementApi
{
    public static IServiceCollection AddPlacement(this IServiceCollection services) =>
        services.AddSingleton<PlacementLanes>().AddSingleton<PlacementReservations>().AddSingleton<ClaimAdmissibility>().AddSingleton<ClaimPlacement>().AddSingleton<RequirementAdmission>();

    public static IEndpointRouteBuilder MapPlacement(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/placement/explain", Explain).RequireAuthorization(AuthSetup.Anyone).WithTags("Placement").WithName("explainPlacement")
            .WithSummary("which resources a requirement selects now, best first, with the index values read").ProducesProblem(400);
        return app;
    }

    private static Ok<PlacementExplanation> Explain(PlacementExplainRequest request, PlacementLanes lanes, LoadIndexCatalog indices,
        PlacementReservations reservations, RequirementAdmission admission, IControlPlaneStore store, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Requirement))
            throw TaskAdmission.Refuse(ErrorCodes.Placement.MissingRequirement, "'requirement' is required");
        var requirement = admission.Parse(request.Requirement);
        var now = time.GetUtcNow();
        var running = store.RunningPlaced();
        return TypedResults.Ok(Evaluate(new RequirementEvaluator(indices.All, reservations.Held(running)), requirement, lanes.Read(now, running), now));
    }

    /// <summary>
    /// The first alternative with candidates among all resources, up or not (delays are the queued task's business, so
    /// none is waited for here); not-up resources order after the up ones.
    /// </summary>
    public static PlacementExplanation Evaluate(RequirementEvaluator evaluator, Requirement requirement, IReadOnlyList<PlacementLane> lanes, DateTimeOffset now)
    {
        var byName = lanes.ToDictionary(l => l.Name, StringComparer.Ordinal);
        for (var i = 0; i < requirement.Alternatives.Count; i++)
        {
            var simple = requirement.Alternatives[i].Requirement;
            var candidates = evaluator.Candidates(simple, lanes.Where(l => l.Admits(evaluator, now)).Select(l => l.Candidate), now);
            if (candidates.Count == 0) continue;
            var chosen = candidates.Select(c => c.LaneId).ToHashSet(StringComparer.Ordinal);
            return new PlacementExplanation(i, [.. candidates.Select(c => ClaimPlacement.Describe(evaluator, byName[c.LaneId], simple, now))],
                [.. lanes.Select(l => l.Name).Where(n => !chosen.Contains(n))]);
        }
        return new PlacementExplanation(null, [], [.. lanes.Select(l => l.Name)]);
    }
}
