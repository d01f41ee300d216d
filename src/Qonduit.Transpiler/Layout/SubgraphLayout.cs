namespace Qonduit.Transpiler.Layout;

/// <summary>
/// A layout that needs no swap: a VF2-style depth-first search for a monomorphism (a non-induced subgraph) of the
/// circuit's interaction graph into the undirected graph of usable couplers. Logical qubits are matched in a
/// connected order, each candidate a free neighbour of an already matched partner's site with enough degree, cheapest
/// coupler first; among the embeddings found within <see cref="CallLimit"/> extensions the one with the lowest expected
/// error (coupler error per interaction, readout error per measurement) wins. Null when none is found in the budget:
/// the caller then lays out for routing. Coupler direction does not matter here; translation fixes it with 1q gates.
/// </summary>
internal static class SubgraphLayout
{
    public const int CallLimit = 3_000;

    /// <param name="component">The usable component every site must lie in (the router's reach).</param>
    public static int[]? Find(InteractionGraph interactions, CouplingGraph graph, int component, int callLimit = CallLimit)
    {
        var n = interactions.Qubits;
        if (n > graph.NumQubits) return null;
        var connected = Enumerable.Range(0, n).Where(q => interactions.Weights[q].Count > 0).ToList();
        var maxPhysicalDegree = 0;
        for (var p = 0; p < graph.NumQubits; p++) maxPhysicalDegree = Math.Max(maxPhysicalDegree, graph.Neighbours(p).Length);
        if (connected.Any(q => interactions.Weights[q].Count > maxPhysicalDegree)) return null;

        var search = new Search(interactions, graph, MatchOrder(interactions, connected), component, callLimit);
        // A circuit already on physical qubits (transpiled before) embeds as it stands: that bound is never lost.
        if (Identity(interactions, graph, component) is { } identity) search.Offer(identity);
        search.Run();
        if (search.Best is not { } best) return null;
        return PlaceIdle(interactions, graph, best, component);
    }

    /// <summary>Each connected piece of the interaction graph breadth-first from its busiest qubit, so every later qubit has a matched neighbour.</summary>
    private static List<int> MatchOrder(InteractionGraph interactions, List<int> connected)
    {
        var order = new List<int>(connected.Count);
        var seen = new bool[interactions.Qubits];
        foreach (var root in connected.OrderByDescending(q => interactions.Weights[q].Count).ThenByDescending(interactions.Total))
        {
            if (seen[root]) continue;
            seen[root] = true;
            var start = order.Count;
            order.Add(root);
            for (var i = start; i < order.Count; i++)
                foreach (var next in interactions.Weights[order[i]].Keys.OrderByDescending(q => interactions.Weights[q].Count))
                    if (!seen[next])
                    {
                        seen[next] = true;
                        order.Add(next);
                    }
        }
        return order;
    }

    private static int[]? Identity(InteractionGraph interactions, CouplingGraph graph, int component)
    {
        for (var q = 0; q < interactions.Qubits; q++)
        {
            if (interactions.Weights[q].Count == 0) continue;
            if (graph.Component[q] != component) return null;
            foreach (var partner in interactions.Weights[q].Keys) if (!graph.Adjacent(q, partner)) return null;
        }
        return [.. Enumerable.Range(0, interactions.Qubits).Select(q => interactions.Weights[q].Count > 0 ? q : -1)];
    }

    /// <summary>
    /// Qubits without two-qubit gates go to the free online qubits with the lowest readout error in the matched
    /// component (measured ones first); qubits nothing acts on take whatever sites are left.
    /// </summary>
    private static int[]? PlaceIdle(InteractionGraph interactions, CouplingGraph graph, int[] layout, int component)
    {
        var used = new bool[graph.NumQubits];
        foreach (var p in layout) if (p >= 0) used[p] = true;
        var sites = Enumerable.Range(0, graph.NumQubits).Where(p => !used[p])
            .OrderBy(p => graph.Component[p] == component ? 0 : 1).ThenBy(graph.ReadoutError).ThenBy(p => p).ToList();
        var next = 0;
        var idle = Enumerable.Range(0, interactions.Qubits).Where(q => layout[q] < 0)
            .OrderBy(q => interactions.Touched[q] ? 0 : 1).ThenByDescending(q => interactions.Measured[q]);
        foreach (var logical in idle)
        {
            if (next == sites.Count) return null;
            var site = sites[next++];
            if (interactions.Touched[logical] && graph.Component[site] != component) return null;
            layout[logical] = site;
        }
        return layout;
    }

    private sealed class Search(InteractionGraph interactions, CouplingGraph graph, List<int> order, int component, int callLimit)
    {
        private readonly int[] _layout = Enumerable.Repeat(-1, interactions.Qubits).ToArray();
        private readonly bool[] _used = new bool[graph.NumQubits];
        private int _calls;
        private double _bestCost = double.MaxValue;

        public int[]? Best { get; private set; }

        public void Run() => Extend(0, 0);

        public void Offer(int[] layout)
        {
            var cost = 0.0;
            for (var q = 0; q < layout.Length; q++)
            {
                if (layout[q] < 0) continue;
                cost += interactions.Measured[q] * graph.ReadoutError(layout[q]);
                foreach (var (partner, weight) in interactions.Weights[q])
                    if (partner > q) cost += weight * graph.EdgeError(layout[q], layout[partner]);
            }
            _bestCost = cost;
            Best = layout;
        }

        private void Extend(int depth, double cost)
        {
            if (cost >= _bestCost) return;
            if (depth == order.Count)
            {
                _bestCost = cost;
                Best = (int[])_layout.Clone();
                return;
            }
            var logical = order[depth];
            foreach (var (site, added) in Candidates(logical))
            {
                if (++_calls > callLimit) return;
                _layout[logical] = site;
                _used[site] = true;
                Extend(depth + 1, cost + added);
                _used[site] = false;
                _layout[logical] = -1;
                if (_calls > callLimit) return;
            }
        }

        /// <summary>Free sites adjacent to every matched partner's site, with the error they add, cheapest first.</summary>
        private List<(int Site, double Added)> Candidates(int logical)
        {
            var degree = interactions.Weights[logical].Count;
            var anchor = -1;
            foreach (var partner in interactions.Weights[logical].Keys)
                if (_layout[partner] >= 0)
                {
                    anchor = _layout[partner];
                    break;
                }
            IEnumerable<int> sites = anchor >= 0 ? graph.Neighbours(anchor).ToArray() : Enumerable.Range(0, graph.NumQubits);
            var result = new List<(int, double)>();
            foreach (var site in sites)
            {
                if (_used[site] || graph.Component[site] != component || graph.Neighbours(site).Length < degree) continue;
                var added = interactions.Measured[logical] * graph.ReadoutError(site);
                var fits = true;
                foreach (var (partner, weight) in interactions.Weights[logical])
                {
                    var other = _layout[partner];
                    if (other < 0) continue;
                    if (!graph.Adjacent(site, other))
                    {
                        fits = false;
                        break;
                    }
                    added += weight * graph.EdgeError(site, other);
                }
                if (fits) result.Add((site, added));
            }
            result.Sort((x, y) => x.Item2.CompareTo(y.Item2));
            return result;
        }
    }
}
