namespace Qonduit.Placement.FairShare;

/// <summary>A task running in a pool, charged to a leaf consumer.</summary>
public sealed record RunningTask(Guid TaskId, string Consumer, DateTimeOffset StartedAt);

/// <summary>
/// Which running tasks give their slots back (Symphony's reclaim, docs/orchestration.md §3): only owners take slots back,
/// so nothing is reclaimed unless a consumer that owns slots in the pool runs fewer tasks than it is allocated and has
/// demand for them. Then the consumers running more than their allocation give up their newest tasks, the most
/// over-allocated first, until the owners' shortfall is met.
/// </summary>
public static class Reclaim
{
    public static IReadOnlyList<RunningTask> Choose(ConsumerNode root, string pool, IReadOnlyDictionary<string, int> allocation, IReadOnlyCollection<RunningTask> running)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(running);
        var byConsumer = running.GroupBy(r => r.Consumer, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int Running(string consumer) => byConsumer.GetValueOrDefault(consumer)?.Count ?? 0;
        var owners = root.Descendants().Where(d => d.Node.IsLeaf && OwnsIn(root, d.Path, pool)).Select(d => d.Path);
        var shortfall = owners.Sum(o => Math.Max(0, allocation.GetValueOrDefault(o) - Running(o)));
        if (shortfall == 0) return [];
        var chosen = new List<RunningTask>();
        foreach (var (consumer, tasks) in byConsumer.OrderByDescending(e => e.Value.Count - allocation.GetValueOrDefault(e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal))
        {
            var over = tasks.Count - allocation.GetValueOrDefault(consumer);
            if (over <= 0) break;
            chosen.AddRange(tasks.OrderByDescending(t => t.StartedAt).ThenBy(t => t.TaskId).Take(Math.Min(over, shortfall - chosen.Count)));
            if (chosen.Count == shortfall) break;
        }
        return chosen;
    }

    /// <summary>A leaf owns slots in the pool when it or one of its ancestors does.</summary>
    public static bool OwnsIn(ConsumerNode root, string leafPath, string pool)
    {
        var node = root;
        foreach (var name in leafPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.Children.FirstOrDefault(c => c.Name == name);
            if (node is null) return false;
            if ((node.Pools.GetValueOrDefault(pool)?.Owned ?? 0) > 0) return true;
        }
        return false;
    }
}
