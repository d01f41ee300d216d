using System.Collections.Concurrent;
using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;

namespace Qonduit.Server.Resources;

/// <summary>
/// The load-index values reported for each resource (by agents' reporters on their heartbeats, or pushed), in memory
/// like liveness: the latest sample of a name wins whoever sent it, and a dropped one (docs/orchestration.md §1,
/// staleness) is forgotten with its history. Each (resource, index) keeps its last <see cref="HistoryLength"/> samples.
/// Push sequence numbers live here too, so a restarted server accepts any first push. Built-in indices are not here:
/// <see cref="ResourceCatalog"/> computes them at read time.
/// </summary>
public sealed class LoadIndexBoard
{
    public const int HistoryLength = 360;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Series>> _byResource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastSeq = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);

    public void Record(string resource, string name, IndexSample sample)
    {
        var values = _byResource.GetOrAdd(resource, _ => new ConcurrentDictionary<string, Series>(StringComparer.Ordinal));
        values.GetOrAdd(name, _ => new Series()).Add(sample);
    }

    /// <summary>Parses, validates and records lines for a resource; returns the pairs accepted and the refused lines with their reason.</summary>
    public (int Accepted, IReadOnlyList<string> Refused) Ingest(string resource, IReadOnlyList<string?> lines, IndexCatalog reported, DateTimeOffset now)
    {
        var accepted = 0;
        var refused = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var parse = ElimLine.Parse(lines[i] ?? "", reported);
            if (parse.Rejection is { } rejection)
            {
                CountRejected(RejectReasons.Of(rejection));
                refused.Add($"line {i + 1}: {parse.Reason}");
                continue;
            }
            // The board holds one value per resource: a lane-scoped value is for an agent's reporters, which know the lanes.
            if (parse.Readings.FirstOrDefault(r => r.Lane is not null) is { } scoped)
            {
                CountRejected(RejectReasons.LaneScoped);
                refused.Add($"line {i + 1}: '{scoped.Name}@{scoped.Lane}' is lane-scoped; a push reports for the whole resource");
                continue;
            }
            foreach (var reading in parse.Readings)
                Record(resource, reading.Name, new IndexSample(reading.Value, now, reported.Find(reading.Name)!.Interval));
            accepted += parse.Readings.Count;
        }
        return (accepted, refused);
    }

    /// <summary>What <paramref name="resource"/> reports now: fresh and stale samples (placement reads a stale one as UNDEFINED), dropped ones removed.</summary>
    public IReadOnlyDictionary<string, IndexSample> Values(string resource, DateTimeOffset now)
    {
        var kept = new Dictionary<string, IndexSample>(StringComparer.Ordinal);
        if (!_byResource.TryGetValue(resource, out var values)) return kept;
        foreach (var (name, series) in values)
        {
            if (series.Latest is not { } sample) continue;
            if (Staleness.Of(sample, now) == Freshness.Dropped) values.TryRemove(KeyValuePair.Create(name, series));
            else kept[name] = sample;
        }
        return kept;
    }

    /// <summary>The kept samples of one index of a resource, oldest first (at most <see cref="HistoryLength"/>); empty once dropped.</summary>
    public IReadOnlyList<IndexSample> History(string resource, string name, DateTimeOffset now) =>
        Values(resource, now).ContainsKey(name) && _byResource.TryGetValue(resource, out var values) && values.TryGetValue(name, out var series)
            ? series.History()
            : [];

    /// <summary>Every kept value with its freshness, for the metrics.</summary>
    public IEnumerable<(string Resource, string Name, IndexSample Sample, Freshness Freshness)> All(DateTimeOffset now)
    {
        foreach (var resource in _byResource.Keys)
            foreach (var (name, sample) in Values(resource, now))
                yield return (resource, name, sample, Staleness.Of(sample, now));
    }

    /// <summary>
    /// The values that crossed between fresh and stale since the last sweep (each crossing reported once); drops the values
    /// past 10 intervals. One sweeper at a time (the <see cref="LoadIndexStaleMonitor"/>).
    /// </summary>
    public IReadOnlyList<FreshnessChange> Sweep(DateTimeOffset now)
    {
        var changes = new List<FreshnessChange>();
        foreach (var (resource, values) in _byResource)
            foreach (var (name, series) in values)
            {
                if (series.Latest is not { } sample) continue;
                var freshness = Staleness.Of(sample, now);
                if (freshness == Freshness.Dropped) values.TryRemove(KeyValuePair.Create(name, series));
                else if (series.MarkStale(freshness == Freshness.Stale)) changes.Add(new FreshnessChange(resource, name, sample, freshness == Freshness.Stale));
            }
        return changes;
    }

    /// <summary>
    /// Takes <paramref name="seq"/> as the resource's latest push when it is greater than the last accepted one; otherwise
    /// false with that one in <paramref name="last"/>.
    /// </summary>
    public bool TryAdvanceSequence(string resource, long seq, out long last)
    {
        while (true)
        {
            if (!_lastSeq.TryGetValue(resource, out last))
            {
                if (_lastSeq.TryAdd(resource, seq)) return true;
                continue;
            }
            if (seq <= last) return false;
            if (_lastSeq.TryUpdate(resource, seq, last)) return true;
        }
    }

    public void CountRejected(string reason, long count = 1) => _rejected.AddOrUpdate(reason, count, (_, held) => held + count);

    /// <summary>Values and lines refused since the start, by reason (`undeclared`, `wrong-type`, `unknown-resource`, …).</summary>
    public IReadOnlyDictionary<string, long> Rejected => _rejected;

    /// <param name="Stale">True when the value went stale, false when a stale one became fresh again.</param>
    public sealed record FreshnessChange(string Resource, string Name, IndexSample Sample, bool Stale);

    /// <summary>One (resource, index): its newest sample, a ring of the last samples, and whether it was announced stale.</summary>
    private sealed class Series
    {
        private readonly IndexSample[] _ring = new IndexSample[HistoryLength];
        private readonly Lock _gate = new();
        private int _next;
        private int _count;
        private bool _staleAnnounced;

        public IndexSample? Latest { get; private set; }

        public void Add(IndexSample sample)
        {
            lock (_gate)
            {
                // An older sample (a delayed heartbeat) neither replaces the latest nor reorders the history.
                if (Latest is { } held && sample.ReceivedAt < held.ReceivedAt) return;
                Latest = sample;
                _ring[_next] = sample;
                _next = (_next + 1) % HistoryLength;
                _count = Math.Min(_count + 1, HistoryLength);
            }
        }

        public IReadOnlyList<IndexSample> History()
        {
            lock (_gate)
            {
                var samples = new IndexSample[_count];
                for (var i = 0; i < _count; i++) samples[i] = _ring[(_next - _count + i + HistoryLength) % HistoryLength];
                return samples;
            }
        }

        /// <summary>Records whether the value is stale; true when that changed.</summary>
        public bool MarkStale(bool stale)
        {
            lock (_gate)
            {
                if (_staleAnnounced == stale) return false;
                _staleAnnounced = stale;
                return true;
            }
        }
    }
}
