using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Requirements.Evaluation;

public sealed partial class RequirementEvaluator
{
    /// <summary>
    /// The lanes <paramref name="requirement"/> selects, best first (LSF order[]): keys compared left to right, the first
    /// that differs decides; an index key sorts ascending when it is declared `increasing` (larger is more loaded),
    /// descending otherwise, and a leading `-` reverses it; an expression key sorts ascending. A key that is not a
    /// number (UNDEFINED, ERROR) sorts after every number; lanes not up come after all that; the lane id breaks ties.
    /// </summary>
    public IReadOnlyList<LaneCandidate> Candidates(SimpleRequirement requirement, IEnumerable<LaneCandidate> lanes, DateTimeOffset now)
    {
        var selected = new List<LaneCandidate>();
        foreach (var lane in lanes)
            if (Selects(requirement, lane, now)) selected.Add(lane);
        var keys = requirement.Order;
        var ascending = new bool[keys.Count];
        for (var k = 0; k < keys.Count; k++) ascending[k] = Ascending(keys[k]);
        // Each key is evaluated once per lane, not once per comparison: values[lane * keys + key].
        var values = new Value[selected.Count * keys.Count];
        for (var l = 0; l < selected.Count; l++)
            for (var k = 0; k < keys.Count; k++)
                values[l * keys.Count + k] = Evaluate(keys[k].Key, selected[l], now);
        var positions = new int[selected.Count];
        for (var p = 0; p < positions.Length; p++) positions[p] = p;
        Array.Sort(positions, (x, y) =>
        {
            var (a, b) = (selected[x], selected[y]);
            if (a.Up != b.Up) return a.Up ? -1 : 1;
            for (var k = 0; k < ascending.Length; k++)
                if (CompareKey(values[x * ascending.Length + k], values[y * ascending.Length + k], ascending[k]) is var order and not 0)
                    return order;
            return string.CompareOrdinal(a.LaneId, b.LaneId);
        });
        var ordered = new LaneCandidate[positions.Length];
        for (var p = 0; p < positions.Length; p++) ordered[p] = selected[positions[p]];
        return ordered;
    }

    private bool Ascending(OrderKey key)
    {
        var increasing = key.Key is IndexRef index ? catalog.Find(index.Name)?.Increasing ?? true : true;
        return increasing != key.Reversed;
    }

    private static int CompareKey(Value a, Value b, bool ascending)
    {
        var (rankA, rankB) = (Rank(a), Rank(b));
        if (rankA != rankB) return rankA.CompareTo(rankB);
        var order = a.Kind switch
        {
            ValueKind.Number => a.Number.CompareTo(b.Number),
            ValueKind.String => string.CompareOrdinal(a.Text, b.Text),
            _ => 0,
        };
        return ascending ? order : -order;
    }

    /// <summary>Numbers first, then strings (a key of mixed kinds is a mistake, but it still orders), then neither.</summary>
    private static int Rank(Value value) => value.Kind switch
    {
        ValueKind.Number => 0,
        ValueKind.String => 1,
        _ => 2,
    };
}
