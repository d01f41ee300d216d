namespace Qonduit.Placement.FairShare;

/// <summary>
/// How many of a pool's slots each leaf consumer may hold (Symphony's resource plan, docs/orchestration.md §3), level by
/// level from the root, each consumer's slots then shared among its children the same way:
/// (1) each consumer gets min(demand, owned), where a consumer owns what it owns itself or, if more, what its children own;
/// (2) owned slots it does not use (at most its lend limit) are lent to siblings that own slots and have demand left, in
/// proportion to their ownership and each within its borrow limit;
/// (3) the slots left at the level — unowned ones and lent ones no owning sibling wanted — are shared among the
/// consumers with demand left in proportion to their shares, each capped at its demand, the excess redistributed.
/// Owned slots kept back by a lend limit stay idle, and a borrow limit caps what a consumer holds beyond what it owns, in
/// (2) and (3) alike. Demand is a leaf's running plus pending tasks.
/// </summary>
public static class PoolAllocation
{
    public static IReadOnlyDictionary<string, int> Allocate(ConsumerNode root, string pool, int slots, IReadOnlyDictionary<string, int> demand)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(demand);
        var allocation = new Dictionary<string, int>(StringComparer.Ordinal);
        Share(root, "", Math.Max(0, slots), pool, demand, allocation);
        return allocation;
    }

    private static void Share(ConsumerNode node, string path, int available, string pool, IReadOnlyDictionary<string, int> demand, Dictionary<string, int> allocation)
    {
        if (node.IsLeaf)
        {
            allocation[path] = available;
            return;
        }
        var children = node.Children.Select(c => (Path: $"{path}/{c.Name}", Node: c)).ToList();
        var wants = children.Select(c => Demand(c.Node, c.Path, demand)).ToArray();
        var owns = children.Select(c => Owned(c.Node, pool)).ToArray();
        var ownership = children.Select(c => c.Node.Pools.GetValueOrDefault(pool)).ToArray();

        var given = WaterFill.Share(available, [.. wants.Zip(owns, Math.Min)], [.. owns.Select(o => (double)o)]);
        var idle = owns.Select((o, i) => Math.Max(0, o - given[i])).ToArray();
        var lendable = idle.Select((x, i) => Math.Min(x, ownership[i]?.LendLimit ?? int.MaxValue)).ToArray();
        var kept = idle.Sum() - lendable.Sum();
        var borrowCaps = children.Select((_, i) => owns[i] == 0 ? 0 : Math.Min(wants[i] - given[i], ownership[i]?.BorrowLimit ?? int.MaxValue)).ToArray();
        var lent = WaterFill.Share(Math.Min(lendable.Sum(), available - given.Sum()), borrowCaps, [.. owns.Select(o => (double)o)]);
        for (var i = 0; i < given.Length; i++) given[i] += lent[i];

        var left = Math.Max(0, available - given.Sum() - kept);
        var shareCaps = wants.Select((w, i) => Math.Min(w, ownership[i]?.BorrowLimit is { } limit ? owns[i] + limit : int.MaxValue) - given[i]);
        var shared = WaterFill.Share(left, [.. shareCaps.Select(c => Math.Max(0, c))], [.. children.Select(c => (double)c.Node.Shares)]);
        for (var i = 0; i < children.Count; i++) Share(children[i].Node, children[i].Path, given[i] + shared[i], pool, demand, allocation);
    }

    private static int Demand(ConsumerNode node, string path, IReadOnlyDictionary<string, int> demand) =>
        node.IsLeaf ? Math.Max(0, demand.GetValueOrDefault(path)) : node.Children.Sum(c => Demand(c, $"{path}/{c.Name}", demand));

    private static int Owned(ConsumerNode node, string pool) =>
        Math.Max(node.Pools.GetValueOrDefault(pool)?.Owned ?? 0, node.Children.Sum(c => Owned(c, pool)));
}
