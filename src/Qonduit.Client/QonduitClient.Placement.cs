using Qonduit.Contracts.Placement;

namespace Qonduit.Client;

/// <summary>Placement by resource requirement (docs/orchestration.md §2).</summary>
public sealed partial class QonduitClient
{
    /// <summary>Which resources <paramref name="requirement"/> selects now, best first, with the index values read; a bad requirement is `requirement.syntax` with its column.</summary>
    public Task<PlacementExplanation> ExplainPlacementAsync(string requirement, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/placement/explain", new PlacementExplainRequest(requirement), Json.PlacementExplainRequest, Json.PlacementExplanation, cancellationToken);
}
