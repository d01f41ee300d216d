using System.Collections.Concurrent;

namespace Qonduit.Server.Placement;

/// <summary>
/// Values computed once per key (a parsed requirement, an admissibility answer) and kept while the claims ask for them;
/// past <paramref name="limit"/> entries the cache starts again, a bound on memory rather than an expected size.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);

    public TValue Get(TKey key, Func<TKey, TValue> compute)
    {
        if (_values.Count > limit) _values.Clear();
        return _values.GetOrAdd(key, compute);
    }
}
