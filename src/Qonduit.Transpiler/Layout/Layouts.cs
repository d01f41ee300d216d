using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Layout;

/// <summary>
/// Initial layouts (logical qubit → physical qubit). All of them use only online qubits of one connected component of
/// usable couplers, so the router can always reach every pair; they differ in which region they pick and how they
/// place the busiest logical qubits in it.
/// </summary>
internal static class Layouts
{
    /// <summary>Regions (the best by the cheap measure) that get a full placement and cost.</summary>
    private const int Shortlist = 16;

    public static int[] Choose(TranspileContext context) => context.LogicalQubits == 0 ? [] : context.Options.Layout switch
    {
        LayoutStrategy.Trivial => Trivial(context),
        LayoutStrategy.Dense => Dense(context),
        LayoutStrategy.NoiseAware => NoiseAware(context),
        _ => throw new InvalidOperationException("unreachable"),
    };

    /// <summary>
    /// Logical i on physical i when qubits 0..n-1 are online and connected; otherwise the lowest-numbered online qubits
    /// of the largest usable component, in order.
    /// </summary>
    public static int[] Trivial(TranspileContext context)
    {
        var graph = context.Coupling;
        var n = context.LogicalQubits;
        var largest = LargestComponent(graph, n, context);
        var identity = Enumerable.Range(0, n).ToArray();
        if (n <= graph.NumQubits && identity.All(q => graph.Component[q] == largest)) return identity;
        return [.. Enumerable.Range(0, graph.NumQubits).Where(q => graph.Component[q] == largest).Take(n)];
    }

    /// <summary>
    /// Densest subgraph: from every start qubit, the first n qubits of a breadth-first search; the region with the most
    /// couplers inside wins (ties: the lower interaction-weighted distance after placement; the
    /// <see cref="Shortlist"/> densest regions are placed).
    /// </summary>
    public static int[] Dense(TranspileContext context)
    {
        var graph = context.Coupling;
        var interactions = new InteractionGraph(context.LogicalQubits, context.Instructions);
        var n = context.LogicalQubits;
        LargestComponent(graph, n, context);
        (int Edges, double Cost, int[] Layout)? best = null;
        var regions = Starts(graph, n).Select(start => BreadthFirst(graph, start, n)).Select(r => (Region: r, Edges: InternalEdges(graph, r)));
        foreach (var (region, edges) in regions.OrderByDescending(r => r.Edges).Take(Shortlist))
        {
            var layout = Placement.Place(interactions, region, graph, (p, q) => graph.Distance(p, q), _ => 0);
            var cost = Placement.Cost(interactions, layout, (p, q) => graph.Distance(p, q), (_, _) => 0);
            if (best is not { } current || edges > current.Edges || cost < current.Cost) best = (edges, cost, layout);
        }
        return best!.Value.Layout;
    }

    /// <summary>
    /// Noise-aware: from every start qubit, grow a region by the cheapest next qubit (readout error plus the error of the
    /// coupler that reaches it), place the circuit in it, and keep the region whose expected error count is lowest:
    /// readout error of each measured qubit, coupler error of each adjacent interaction, three mean coupler errors per
    /// extra hop (a swap) of a distant one; the <see cref="Shortlist"/> regions cheapest to grow are placed. Offline qubits and unavailable couplers are never in the graph.
    /// A circuit whose interaction graph embeds in the coupling graph gets the cheapest embedding found instead
    /// (<see cref="SubgraphLayout"/>), so it needs no swap; otherwise the placement is refined by forward and backward
    /// routing passes (<see cref="ReverseTraversal"/>) when that saves swaps.
    /// </summary>
    public static int[] NoiseAware(TranspileContext context)
    {
        var graph = context.Coupling;
        var interactions = new InteractionGraph(context.LogicalQubits, context.Instructions);
        var n = context.LogicalQubits;
        var sizes = graph.ComponentSize;
        if (n <= graph.NumQubits && sizes.Length > 0 && SubgraphLayout.Find(interactions, graph, Array.IndexOf(sizes, sizes.Max())) is { } embedded)
            return embedded;
        LargestComponent(graph, n, context);
        double PairCost(int p, int q)
        {
            var d = graph.Distance(p, q);
            return d == 1 ? graph.EdgeError(p, q) : (3 * (d - 1) + 1) * graph.MeanEdgeError;
        }
        double Readout(int logical, int physical) => interactions.Measured[logical] * graph.ReadoutError(physical);

        (double Cost, int[] Layout)? best = null;
        var regions = Starts(graph, n).Select(start => CheapestGrowth(graph, start, n, out var growth) is var region ? (Region: region, Growth: growth) : default);
        foreach (var (region, _) in regions.OrderBy(r => r.Growth).Take(Shortlist))
        {
            var layout = Placement.Place(interactions, region, graph, PairCost, p => graph.ReadoutError(p));
            var cost = Placement.Cost(interactions, layout, PairCost, Readout);
            if (best is not { } current || cost < current.Cost) best = (cost, layout);
        }
        return ReverseTraversal.Refine(context.Instructions, n, graph, best!.Value.Layout, context.Options.Seed);
    }

    private static int LargestComponent(CouplingGraph graph, int n, TranspileContext context)
    {
        if (n > context.Device.NumQubits)
            throw new TranspileException(ErrorCodes.Transpile.TooManyQubits, $"the circuit needs {n} qubits; {context.Device.Device} has {context.Device.NumQubits}");
        var sizes = graph.ComponentSize;
        var largest = sizes.Length == 0 ? -1 : Array.IndexOf(sizes, sizes.Max());
        if (n > 0 && (largest < 0 || sizes[largest] < n))
            throw new TranspileException(ErrorCodes.Transpile.TooManyQubits,
                $"the circuit needs {n} connected qubits; the largest group of online qubits joined by available couplers on {context.Device.Device} has {(largest < 0 ? 0 : sizes[largest])}");
        return largest;
    }

    private static IEnumerable<int> Starts(CouplingGraph graph, int n)
    {
        if (n == 0) return [];
        return Enumerable.Range(0, graph.NumQubits).Where(q => graph.Component[q] >= 0 && graph.ComponentSize[graph.Component[q]] >= n);
    }

    private static List<int> BreadthFirst(CouplingGraph graph, int start, int n)
    {
        var region = new List<int>(n) { start };
        var seen = new HashSet<int> { start };
        for (var i = 0; i < region.Count && region.Count < n; i++)
            foreach (var next in graph.Neighbours(region[i]))
            {
                if (region.Count == n) break;
                if (seen.Add(next)) region.Add(next);
            }
        return region;
    }

    private static List<int> CheapestGrowth(CouplingGraph graph, int start, int n, out double growth)
    {
        growth = graph.ReadoutError(start);
        var region = new List<int>(n) { start };
        var inRegion = new bool[graph.NumQubits];
        inRegion[start] = true;
        // Ordered by (cost, qubit) like a scan for the cheapest with the lower index winning ties; a qubit reached
        // again more cheaply is queued again and its dearer entry is skipped once the qubit is in the region.
        var frontier = new PriorityQueue<int, (double Cost, int Qubit)>();
        void Reach(int from)
        {
            foreach (var next in graph.Neighbours(from))
                if (!inRegion[next]) frontier.Enqueue(next, (graph.ReadoutError(next) + graph.EdgeError(from, next), next));
        }
        Reach(start);
        while (region.Count < n)
        {
            frontier.TryDequeue(out var next, out var priority);
            if (inRegion[next]) continue;
            growth += priority.Cost;
            inRegion[next] = true;
            region.Add(next);
            Reach(next);
        }
        return region;
    }

    private static int InternalEdges(CouplingGraph graph, List<int> region)
    {
        var set = region.ToHashSet();
        var edges = 0;
        foreach (var q in region)
            foreach (var n in graph.Neighbours(q))
                if (n > q && set.Contains(n)) edges++;
        return edges;
    }
}
