using Qonduit.Server.Leases;

namespace Qonduit.Server.Consumers;

/// <summary>
/// The order a claim takes device-bound tasks in under fair share (docs/orchestration.md §3): consumers by descending
/// fair-share value in the QPU pool kind, consumers of equal value together; among them the highest priority, then the
/// oldest task. A consumer at its cap in an owned pool (<see cref="Capped"/>: leaf → pools) has none of its tasks for that
/// pool taken. With one consumer waiting and nothing capped this is the plain queue order, read by one index walk.
/// </summary>
/// <param name="Standing">Fair share in force; null for the plain order (priority, then age).</param>
public sealed record ClaimOrder(FairShareStanding? Standing, IReadOnlyDictionary<string, IReadOnlyCollection<string>> Capped)
{
    /// <summary>The order that ignores consumers: priority, then age (no fair share in force).</summary>
    public static ClaimOrder Plain { get; } = new(null, new Dictionary<string, IReadOnlyCollection<string>>());

    public TaskRecord? Next(IStoreWriter w, IReadOnlyCollection<string>? devices, ClaimGate? gate)
    {
        // One leaf (no tree set: everyone in /default) orders nothing: the plain walk, without asking who waits.
        if (Standing is null || (Standing.Leaves.Count == 1 && Capped.Count == 0)) return w.NextQueued(devices, gate);
        var order = Standing.Order("qpu", w.QueuedConsumers());
        if (order.Count <= 1 && Capped.Count == 0) return w.NextQueued(devices, gate);
        foreach (var group in order)
        {
            TaskRecord? best = null;
            foreach (var consumer in group)
            {
                var head = w.NextQueued(devices, gate, consumer, CappedFor(consumer));
                if (head is not null && (best is null || head.Priority > best.Priority || (head.Priority == best.Priority && head.Sequence < best.Sequence))) best = head;
            }
            if (best is not null) return best;
        }
        return null;
    }

    /// <summary>The pools where a task of <paramref name="consumer"/> may not be claimed now.</summary>
    public IReadOnlyCollection<string>? CappedFor(string consumer) =>
        Standing is null ? null : Capped.GetValueOrDefault(Standing.LeafOf(consumer));
}

/// <summary>What a claim orders by now: the last fair-share standing and the caps of the owned pools.</summary>
public sealed class ClaimOrdering(FairShareBoard board, ConsumerCaps caps)
{
    public ClaimOrder Now()
    {
        var standing = board.Standing;
        return new ClaimOrder(standing, caps.Capped(standing));
    }
}
