using System.Collections.Concurrent;
using Qonduit.Placement.Indices;

namespace Qonduit.Server.Resources;

/// <summary>
/// The load-index values reported for each resource (by agents' reporters on their heartbeats, or pushed), in memory
/// like liveness: the latest sample of a name wins whoever sent it, and a dropped one (docs/orchestration.md §1,
/// staleness) is forgotten. Built-in indices are not here: <see cref="ResourceCatalog"/> computes them at read time.
/// </summary>
public sealed class LoadIndexBoard
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, IndexSample>> _byResource = new(StringComparer.Ordinal);

    public void Record(string resource, string name, IndexSample sample)
    {
        var values = _byResource.GetOrAdd(resource, _ => new ConcurrentDictionary<string, IndexSample>(StringComparer.Ordinal));
        values.AddOrUpdate(name, sample, (_, held) => sample.ReceivedAt >= held.ReceivedAt ? sample : held);
    }

    /// <summary>What <paramref name="resource"/> reports now: fresh and stale samples (placement reads a stale one as UNDEFINED), dropped ones removed.</summary>
    public IReadOnlyDictionary<string, IndexSample> Values(string resource, DateTimeOffset now)
    {
        if (!_byResource.TryGetValue(resource, out var values)) return new Dictionary<string, IndexSample>(StringComparer.Ordinal);
        var kept = new Dictionary<string, IndexSample>(StringComparer.Ordinal);
        foreach (var (name, sample) in values)
        {
            if (Staleness.Of(sample, now) == Freshness.Dropped) values.TryRemove(KeyValuePair.Create(name, sample));
            else kept[name] = sample;
        }
        return kept;
    }
}
