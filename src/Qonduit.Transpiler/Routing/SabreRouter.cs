using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Layout;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// SABRE swap insertion (Li, Ding and Xie, ASPLOS 2019): execute every gate of the front layer whose qubits are
/// adjacent; otherwise pick, among swaps on a coupler touching a front-layer qubit, the one minimising
/// max(decay) · (mean front distance + <see cref="LookaheadWeight"/> · mean distance of the next
/// <see cref="LookaheadSize"/> two-qubit gates). Decay discourages moving the same qubits again and again; a release
/// valve routes the nearest front gate along a shortest path when no gate has run for a while. Several seeded trials
/// (ties are broken at random) keep the routing with the fewest swaps.
/// </summary>
internal sealed class SabreRouter(CouplingGraph graph, int seed, int trials = 4)
{
    public const int LookaheadSize = 20;
    public const double LookaheadWeight = 0.5;
    public const double DecayStep = 0.001;
    public const int DecayReset = 5;

    public RoutingResult Route(DependencyGraph dag, int[] initialLayout)
    {
        RoutingResult? best = null;
        for (var trial = 0; trial < Math.Max(1, trials); trial++)
        {
            var result = new Trial(graph, dag, initialLayout, new Random(HashCode.Combine(seed, trial))).Run();
            if (best is null || result.Swaps < best.Swaps) best = result;
            if (best.Swaps == 0) break;
        }
        return best!;
    }

    private sealed class Trial(CouplingGraph graph, DependencyGraph dag, int[] initialLayout, Random random)
    {
        private readonly RoutingState _state = new(initialLayout, graph.NumQubits, dag.Instructions.Count * 5 / 4);
        private readonly int[] _waiting = [.. dag.Predecessors];
        private readonly List<int> _front = [];
        private readonly double[] _decay = Enumerable.Repeat(1.0, graph.NumQubits).ToArray();
        private readonly int[] _seen = new int[dag.Instructions.Count];
        private readonly List<int> _lookahead = [];
        private readonly List<(int, int)> _candidates = [];
        private readonly List<(int, int)> _ties = [];
        private int _stamp;

        public RoutingResult Run()
        {
            for (var i = 0; i < _waiting.Length; i++) if (_waiting[i] == 0) _front.Add(i);
            var releaseAfter = Math.Max(20, 2 * initialLayout.Length);
            var swapsWithoutProgress = 0;
            while (_front.Count > 0)
            {
                if (ExecuteReady())
                {
                    Array.Fill(_decay, 1.0);
                    swapsWithoutProgress = 0;
                    continue;
                }
                if (swapsWithoutProgress >= releaseAfter)
                {
                    Release();
                    swapsWithoutProgress = 0;
                    continue;
                }
                var (p, q) = ChooseSwap();
                _state.Swap(p, q);
                _decay[p] += DecayStep;
                _decay[q] += DecayStep;
                if (++swapsWithoutProgress % DecayReset == 0) Array.Fill(_decay, 1.0);
            }
            return _state.Result();
        }

        private bool Executable(int node)
        {
            var instruction = dag.Instructions[node];
            if (!DependencyGraph.IsTwoQubitGate(instruction)) return true;
            var layout = _state.LogicalToPhysical;
            return graph.Adjacent(layout[instruction.Qubits[0]], layout[instruction.Qubits[1]]);
        }

        private bool ExecuteReady()
        {
            var any = false;
            for (var changed = true; changed;)
            {
                changed = false;
                for (var i = 0; i < _front.Count; i++)
                {
                    var node = _front[i];
                    if (!Executable(node)) continue;
                    _state.Emit(dag.Instructions[node]);
                    _front[i] = _front[^1];
                    _front.RemoveAt(_front.Count - 1);
                    i--;
                    foreach (var next in dag.Successors[node])
                        if (--_waiting[next] == 0) _front.Add(next);
                    changed = any = true;
                }
            }
            return any;
        }

        private (int, int) ChooseSwap()
        {
            CollectLookahead();
            _candidates.Clear();
            var layout = _state.LogicalToPhysical;
            foreach (var node in _front)
            {
                foreach (var logical in dag.Instructions[node].Qubits)
                {
                    var p = layout[logical];
                    foreach (var n in graph.Neighbours(p))
                    {
                        var candidate = p < n ? (p, n) : (n, p);
                        if (!_candidates.Contains(candidate)) _candidates.Add(candidate);
                    }
                }
            }

            var bestScore = double.MaxValue;
            _ties.Clear();
            foreach (var (p, q) in _candidates)
            {
                var score = Math.Max(_decay[p], _decay[q]) * (Mean(_front, p, q) + LookaheadWeight * Mean(_lookahead, p, q));
                if (score < bestScore - 1e-12)
                {
                    bestScore = score;
                    _ties.Clear();
                }
                if (score <= bestScore + 1e-12) _ties.Add((p, q));
            }
            return _ties[random.Next(_ties.Count)];
        }

        /// <summary>Mean distance of the two-qubit gates among <paramref name="nodes"/> if physical p and q were swapped.</summary>
        private double Mean(List<int> nodes, int p, int q)
        {
            var layout = _state.LogicalToPhysical;
            var total = 0;
            var count = 0;
            foreach (var node in nodes)
            {
                var instruction = dag.Instructions[node];
                if (!DependencyGraph.IsTwoQubitGate(instruction)) continue;
                var a = Swapped(layout[instruction.Qubits[0]], p, q);
                var b = Swapped(layout[instruction.Qubits[1]], p, q);
                total += graph.Distance(a, b);
                count++;
            }
            return count == 0 ? 0 : (double)total / count;
        }

        private static int Swapped(int physical, int p, int q) => physical == p ? q : physical == q ? p : physical;

        /// <summary>The next two-qubit gates behind the front layer, breadth first, up to <see cref="LookaheadSize"/>.</summary>
        private void CollectLookahead()
        {
            _lookahead.Clear();
            _stamp++;
            var queue = new Queue<int>(_front);
            foreach (var node in _front) _seen[node] = _stamp;
            while (queue.TryDequeue(out var node) && _lookahead.Count < LookaheadSize)
            {
                foreach (var next in dag.Successors[node])
                {
                    if (_seen[next] == _stamp) continue;
                    _seen[next] = _stamp;
                    if (DependencyGraph.IsTwoQubitGate(dag.Instructions[next])) _lookahead.Add(next);
                    queue.Enqueue(next);
                }
            }
        }

        private void Release()
        {
            var layout = _state.LogicalToPhysical;
            var nearest = _front
                .Where(n => DependencyGraph.IsTwoQubitGate(dag.Instructions[n]))
                .MinBy(n => graph.Distance(layout[dag.Instructions[n].Qubits[0]], layout[dag.Instructions[n].Qubits[1]]));
            var gate = dag.Instructions[nearest];
            _state.BringTogether(graph, gate.Qubits[0], gate.Qubits[1]);
        }
    }
}
