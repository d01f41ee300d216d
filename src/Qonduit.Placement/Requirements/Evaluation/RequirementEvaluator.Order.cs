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
        var selected = lanes.Where(lane => Selects(requirement, lane, now)).ToList();
        var keys = requirement.Order;
        var ascending = keys.Select(Ascending).ToArray();
        var values = selected.Select(lane => keys.Select(k => Evaluate(k.Key, lane, now)).ToArray()).ToList();
        var positions = Enumerable.Range(0, selected.Count).ToArray();
        Array.Sort(positions, (x, y) =>
        {
            var (a, b) = (selected[x], selected[y]);
            if (a.Up != b.Up) return a.Up ? -1 : 1;
            for (var k = 0; k < ascending.Length; k++)
                if (CompareKey(values[x][k], values[y][k], ascending[k]) is var order and not 0) return order;
            return string.CompareOrdinal(a.LaneId, b.LaneId);
        });
        return [.. positions.Select(p => selected[p])];
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
