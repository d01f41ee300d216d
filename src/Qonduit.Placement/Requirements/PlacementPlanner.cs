using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements;

/// <summary>
/// The outcome of placing one task now: the alternative used (null when no active alternative has a candidate), its
/// candidates best first, and for every alternative whether it found any, so the caller can start or clear its
/// "no candidate since" clock.
/// </summary>
public sealed record PlacementDecision(int? Alternative, IReadOnlyList<LaneCandidate> Candidates, IReadOnlyList<bool> Found);

public static class PlacementPlanner
{
    /// <summary>
    /// Evaluates every alternative (an inactive one's emptiness still counts toward the delays after it), then uses the
    /// first active alternative that has candidates.
    /// </summary>
    /// <param name="noCandidateFor">Per alternative, how long it had found no candidate before this evaluation; null while it had one.</param>
    public static PlacementDecision Decide(RequirementEvaluator evaluator, Requirement requirement, IReadOnlyCollection<LaneCandidate> lanes,
        DateTimeOffset now, TimeSpan queuedFor, IReadOnlyList<TimeSpan?> noCandidateFor)
    {
        var candidates = requirement.Alternatives.Select(a => evaluator.Candidates(a.Requirement, lanes, now)).ToList();
        var found = candidates.Select(c => c.Count > 0).ToList();
        var emptyFor = found.Select((any, i) => any ? (TimeSpan?)null : noCandidateFor[i] ?? TimeSpan.Zero).ToList();
        var active = AlternativeSchedule.Active(requirement, queuedFor, emptyFor);
        for (var i = 0; i < candidates.Count; i++)
            if (active[i] && found[i]) return new PlacementDecision(i, candidates[i], found);
        return new PlacementDecision(null, [], found);
    }
}
