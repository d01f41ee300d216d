using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements;

/// <summary>
/// Which alternatives of `{A} || {B}@30s` a queued task may be placed by now (ours): an alternative with delay T is
/// active once every alternative before it has found no candidate for T, counted no earlier than when the task was
/// queued or last requeued. The first alternative (no delay) is always active; when an earlier one finds candidates
/// again, the later ones close, so work returns to the preferred resource.
/// </summary>
public static class AlternativeSchedule
{
    /// <param name="queuedFor">Time since the task was queued or last requeued.</param>
    /// <param name="noCandidateFor">
    /// Per alternative, how long it has found no candidate without a break; null while it has one.
    /// </param>
    public static IReadOnlyList<bool> Active(Requirement requirement, TimeSpan queuedFor, IReadOnlyList<TimeSpan?> noCandidateFor)
    {
        var alternatives = requirement.Alternatives;
        if (noCandidateFor.Count != alternatives.Count)
            throw new ArgumentException($"{noCandidateFor.Count} durations for {alternatives.Count} alternatives", nameof(noCandidateFor));
        var active = new bool[alternatives.Count];
        // The shortest time every earlier alternative has gone without a candidate, since the task was (re)queued.
        var earlierEmptyFor = queuedFor;
        for (var i = 0; i < alternatives.Count; i++)
        {
            active[i] = earlierEmptyFor >= alternatives[i].Delay;
            var emptyFor = noCandidateFor[i] is { } span ? TimeSpan.FromTicks(Math.Min(span.Ticks, queuedFor.Ticks)) : TimeSpan.MinValue;
            if (emptyFor < earlierEmptyFor) earlierEmptyFor = emptyFor;
        }
        return active;
    }
}
