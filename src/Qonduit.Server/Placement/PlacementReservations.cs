using Qonduit.Placement.Requirements.Reservations;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Server.Placement;

/// <summary>
/// What rusage[] holds now, read from the running requirement tasks themselves (each holds its chosen alternative's
/// rusage[] on the resource it was placed on, from its claim): nothing is kept beside the store, so a restarted server
/// sees the same reservations and a task that ends or is requeued stops holding at once.
/// </summary>
public sealed class PlacementReservations
{
    private readonly BoundedCache<string, Requirement> _parsed = new(1024, StringComparer.Ordinal);

    /// <param name="running">The running requirement tasks (<see cref="IControlPlaneStore.RunningPlaced"/>), read once per claim.</param>
    public ReservationLedger Held(IReadOnlyList<PlacedRun> running)
    {
        var ledger = new ReservationLedger();
        foreach (var run in running)
        {
            var requirement = _parsed.Get(run.Requirement, RequirementParser.Parse);
            if (run.Alternative < 0 || run.Alternative >= requirement.Alternatives.Count) continue;
            ledger.Reserve(run.TaskId.ToString(), run.Resource, requirement.Alternatives[run.Alternative].Requirement.Usage, run.ClaimedAt);
        }
        return ledger;
    }
}
