using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Elim;

/// <summary>
/// Merges the lines of every reporter of one agent (LSF MELIM): each line validated, refused lines counted by reason, and
/// the latest value of a name wins whichever reporter sent it. A lane-scoped value (`name@lane`) and an unscoped one
/// compete by arrival: the newer is what the lane reports. Not thread-safe: the agent feeds it from one loop.
/// </summary>
public sealed class ElimIntake(IndexCatalog catalog, TimeProvider clock)
{
    private readonly Dictionary<(string Name, string? Lane), IndexSample> _latest = [];
    private readonly Dictionary<ElimRejection, long> _rejected = [];

    public long AcceptedLines { get; private set; }

    public IReadOnlyDictionary<ElimRejection, long> Rejected => _rejected;

    public ElimParse Accept(string line)
    {
        var parse = ElimLine.Parse(line, catalog);
        if (parse.Rejection is { } rejection)
        {
            _rejected[rejection] = _rejected.GetValueOrDefault(rejection) + 1;
            return parse;
        }
        var now = clock.GetUtcNow();
        foreach (var reading in parse.Readings)
            _latest[(reading.Name, reading.Lane)] = new IndexSample(reading.Value, now, catalog.Find(reading.Name)!.Interval);
        AcceptedLines++;
        return parse;
    }

    /// <summary>What <paramref name="lane"/> reports now: the newest value of each name, dropped ones forgotten.</summary>
    public IReadOnlyDictionary<string, IndexSample> ValuesFor(string lane)
    {
        var now = clock.GetUtcNow();
        foreach (var key in _latest.Where(e => Staleness.Of(e.Value, now) == Freshness.Dropped).Select(e => e.Key).ToList())
            _latest.Remove(key);
        var values = new Dictionary<string, IndexSample>(StringComparer.Ordinal);
        foreach (var ((name, scope), sample) in _latest)
        {
            if (scope is not null && scope != lane) continue;
            // On a tie the lane's own value beats the one for every lane.
            if (!values.TryGetValue(name, out var held) || sample.ReceivedAt > held.ReceivedAt
                || (sample.ReceivedAt == held.ReceivedAt && scope is not null))
                values[name] = sample;
        }
        return values;
    }
}
