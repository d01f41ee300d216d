namespace Qonduit.Transpiler.Layout;

/// <summary>Greedy placement of logical qubits onto a chosen region of physical qubits.</summary>
internal static class Placement
{
    /// <summary>
    /// Logical qubits in <see cref="InteractionGraph.PlacementOrder"/>, each onto the free region qubit that minimises
    /// its weighted pair cost to the qubits already placed plus its own site cost; the first goes to the region's
    /// best-connected qubit.
    /// </summary>
    public static int[] Place(InteractionGraph interactions, List<int> region, CouplingGraph graph, Func<int, int, double> pairCost, Func<int, double> siteCost)
    {
        var layout = new int[interactions.Qubits];
        Array.Fill(layout, -1);
        var free = new List<int>(region);
        var inRegion = region.ToHashSet();
        int Degree(int p)
        {
            var degree = 0;
            foreach (var n in graph.Neighbours(p)) if (inRegion.Contains(n)) degree++;
            return degree;
        }

        foreach (var logical in interactions.PlacementOrder())
        {
            var bestIndex = 0;
            var bestCost = double.MaxValue;
            for (var i = 0; i < free.Count; i++)
            {
                var p = free[i];
                var cost = siteCost(p) * Math.Max(1, interactions.Measured[logical]) - 1e-6 * Degree(p);
                foreach (var (other, weight) in interactions.Weights[logical])
                    if (layout[other] >= 0) cost += weight * pairCost(p, layout[other]);
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestIndex = i;
                }
            }
            layout[logical] = free[bestIndex];
            free.RemoveAt(bestIndex);
        }
        return layout;
    }

    public static double Cost(InteractionGraph interactions, int[] layout, Func<int, int, double> pairCost, Func<int, int, double> siteCost)
    {
        var cost = 0.0;
        for (var a = 0; a < interactions.Qubits; a++)
        {
            cost += siteCost(a, layout[a]);
            foreach (var (b, weight) in interactions.Weights[a])
                if (b > a) cost += weight * pairCost(layout[a], layout[b]);
        }
        return cost;
    }
}
