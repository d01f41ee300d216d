using System.Collections.Concurrent;
using Qonduit.Placement.Requirements.Reservations;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Server.Placement;

/// <summary>
/// What rusage[] holds now, read from the running requirement tasks themselves (each holds its chosen alternative's
/// rusage[] on the resource it was placed on, from its claim): nothing is kept beside the store, so a restarted server
/// sees the same reservations and a task that ends or is requeued stops holding at once.
/// </summary>
public sealed class PlacementReservations(IControlPlaneStore store)
{
    /// <summary>Distinct requirement texts kept parsed; past it the cache starts again (a bound, not an expected size).</summary>
    private const int ParsedLimit = 1024;

    private readonly ConcurrentDictionary<string, Requirement> _parsed = new(StringComparer.Ordinal);

    public ReservationLedger Held()
    {
        var ledger = new ReservationLedger();
        foreach (var run in store.RunningPlaced())
        {
            if (_parsed.Count > ParsedLimit) _parsed.Clear();
            var requirement = _parsed.GetOrAdd(run.Requirement, RequirementParser.Parse);
            if (run.Alternative < 0 || run.Alternative >= requirement.Alternatives.Count) continue;
            ledger.Reserve(run.TaskId.ToString(), run.Resource, requirement.Alternatives[run.Alternative].Requirement.Usage, run.ClaimedAt);
        }
        return ledger;
    }
}
