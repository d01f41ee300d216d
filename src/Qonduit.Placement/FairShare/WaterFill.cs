namespace Qonduit.Placement.FairShare;

/// <summary>
/// Whole slots shared in proportion to weights, each share capped, what a capped one cannot take going to the others
/// (excess redistributed), and the last fractions given by largest remainder, ties in the order given: the sums are exact
/// and the answer is the same on every run.
/// </summary>
internal static class WaterFill
{
    public static int[] Share(int total, IReadOnlyList<int> caps, IReadOnlyList<double> weights)
    {
        var given = new int[caps.Count];
        var open = Enumerable.Range(0, caps.Count).Where(i => caps[i] > 0 && weights[i] > 0).ToList();
        var left = total;
        while (left > 0 && open.Count > 0)
        {
            var weight = open.Sum(i => weights[i]);
            var capped = open.Where(i => caps[i] - given[i] <= left * weights[i] / weight).ToList();
            if (capped.Count == 0)
            {
                var exact = open.ToDictionary(i => i, i => left * weights[i] / weight);
                foreach (var i in open) given[i] += (int)Math.Floor(exact[i]);
                var rest = left - open.Sum(i => (int)Math.Floor(exact[i]));
                foreach (var i in open.OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(rest)) given[i]++;
                return given;
            }
            foreach (var i in capped)
            {
                left -= caps[i] - given[i];
                given[i] = caps[i];
            }
            open.RemoveAll(capped.Contains);
        }
        return given;
    }
}
