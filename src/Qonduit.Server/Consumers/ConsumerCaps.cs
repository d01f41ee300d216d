using Qonduit.Placement.FairShare;
using Qonduit.Server.Resources;

namespace Qonduit.Server.Consumers;

/// <summary>
/// One owned pool's plan now (docs/orchestration.md §3): its slots, each leaf's allocation under its demand (its tasks
/// running there plus its queued tasks that may run there) and what each runs there now.
/// </summary>
public sealed record PoolPlan(string Pool, int Slots, IReadOnlyDictionary<string, int> Allocation, IReadOnlyList<RunningCharge> Running)
{
    /// <summary>The leaves running as many tasks as they are allocated, or more: a claim takes none of their tasks here.</summary>
    public IEnumerable<string> AtCap(FairShareStanding standing)
    {
        var running = RunningPerLeaf(standing);
        return standing.Leaves.Where(leaf => running.GetValueOrDefault(leaf) >= Allocation.GetValueOrDefault(leaf));
    }

    /// <summary>How many tasks each leaf runs here (a consumer that is no leaf of the standing's tree counts as `/default`).</summary>
    public Dictionary<string, int> RunningPerLeaf(FairShareStanding standing) =>
        Running.CountBy(r => standing.LeafOf(r.Consumer), StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
}

/// <summary>
/// Where slots are owned, allocation caps each consumer's running tasks: the plans of the pools some consumer owns slots
/// in, read from the store at each call (claims read them before their transaction; a claim that races past a cap is
/// taken back by reclaim). Pools without ownership are never capped: the Fair Tree order alone applies there.
/// </summary>
public sealed class ConsumerCaps(IControlPlaneStore store, ResourceCatalog catalog, TimeProvider time)
{
    public IReadOnlyList<PoolPlan> Plans(FairShareStanding standing, IReadOnlyList<RunningCharge>? running = null)
    {
        if (!standing.AnyOwnership) return [];
        var now = time.GetUtcNow();
        running ??= store.RunningCharges();
        var owned = standing.Tree.Descendants().SelectMany(d => d.Node.Pools.Where(p => p.Value.Owned > 0).Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return [.. owned.Select(pool =>
        {
            var inPool = running.Where(r => r.Pool == pool).ToList();
            var demand = store.QueuedDemand(pool).GroupBy(e => standing.LeafOf(e.Key), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
            foreach (var run in inPool) demand[standing.LeafOf(run.Consumer)] = demand.GetValueOrDefault(standing.LeafOf(run.Consumer)) + 1;
            var slots = catalog.Capacity(pool, now);
            return new PoolPlan(pool, slots, PoolAllocation.Allocate(standing.Tree, pool, slots, demand), inPool);
        })];
    }

    /// <summary>For each leaf at its cap somewhere, the pools where it is (empty when nothing is owned).</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Capped(FairShareStanding standing) =>
        Plans(standing)
            .SelectMany(plan => plan.AtCap(standing).Select(leaf => (Leaf: leaf, plan.Pool)))
            .GroupBy(e => e.Leaf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g.Select(e => e.Pool)], StringComparer.Ordinal);
}
