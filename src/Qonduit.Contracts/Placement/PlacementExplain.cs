namespace Qonduit.Contracts.Placement;

/// <summary>`POST /v1/placement/explain`: which resources <see cref="Requirement"/> selects now, and in what order.</summary>
public sealed record PlacementExplainRequest(string? Requirement);

/// <summary>
/// The outcome of evaluating a requirement now (like LSF `lsload -R`): the alternative that would place (null when none
/// has a candidate), its candidates best first with the index values read, and every resource the requirement does not select.
/// </summary>
public sealed record PlacementExplanation(int? Alternative, IReadOnlyList<PlacementCandidate> Candidates, IReadOnlyList<string> NotSelected);

/// <summary>A resource as placement saw it: whether a live agent serves it, and the index values its requirement read.</summary>
public sealed record PlacementCandidate(string Resource, string Kind, bool Up, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// How a claim placed a requirement task (recorded on its `task.claimed` event): the alternative used (0-based), its
/// candidates best first with the index values the requirement read, and the winner (the claiming agent's resource).
/// </summary>
public sealed record PlacementDecision(int Alternative, IReadOnlyList<PlacementCandidate> Candidates, string Winner);
