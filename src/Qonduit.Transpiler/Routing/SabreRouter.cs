using Qonduit.Transpiler.Layout;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// SABRE swap insertion (Li, Ding and Xie, ASPLOS 2019): execute every gate of the front layer whose qubits are
/// adjacent; otherwise pick, among swaps on a coupler touching a front-layer qubit, the one minimising
/// max(decay) · (mean front distance + <see cref="LookaheadWeight"/> · mean distance of the next
/// <see cref="LookaheadSize"/> two-qubit gates). Decay discourages moving the same qubits again and again; a release
/// valve routes the nearest front gate along a shortest path when no gate has run for a while. Several seeded trials
/// (ties are broken at random) keep the routing with the fewest swaps; only the winner's circuit is written.
/// </summary>
internal sealed class SabreRouter(CouplingGraph graph, int seed, int trials = 4)
{
    public const int LookaheadSize = 20;
    public const double LookaheadWeight = 0.5;
    public const double DecayStep = 0.001;
    public const int DecayReset = 5;

    public RoutingResult Route(DependencyGraph dag, int[] initialLayout)
    {
        RoutingState? best = null;
        for (var trial = 0; trial < Math.Max(1, trials); trial++)
        {
            // Seeded by arithmetic, not HashCode.Combine (randomised per process): the same seed routes the same way in every run.
            var state = new Trial(graph, dag, initialLayout, new Random(unchecked(seed * 1_000_003 + trial))).Run();
            if (best is null || state.Swaps < best.Swaps) best = state;
            if (best.Swaps == 0) break;
        }
        return best!.Result();
    }

    private sealed class Trial(CouplingGraph graph, DependencyGraph dag, int[] initialLayout, Random random)
    {
        private readonly RoutingState _state = new(dag.Instructions, initialLayout, graph.NumQubits);
        private readonly int[] _waiting = [.. dag.Predecessors];
        private readonly List<int> _front = [];
        private readonly double[] _decay = Enumerable.Repeat(1.0, graph.NumQubits).ToArray();
        private readonly int[] _seen = new int[dag.Instructions.Count];
        private readonly Queue<int> _queue = new();
        private readonly List<int> _lookahead = [];
        private bool _frontChanged = true;
        private readonly SwapScores _scores = new(graph, dag);
        private readonly List<(int, int)> _candidates = [];
        private readonly List<(int, int)> _ties = [];
        private int _stamp;

        public RoutingState Run()
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
            return _state;
        }

        private bool Executable(int node)
        {
            if (!dag.IsTwoQubit(node)) return true;
            var layout = _state.LogicalToPhysical;
            return graph.Adjacent(layout[dag.First[node]], layout[dag.Second[node]]);
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
                    _state.Emit(node);
                    _front[i] = _front[^1];
                    _front.RemoveAt(_front.Count - 1);
                    i--;
                    foreach (var next in dag.Successors[node])
                        if (--_waiting[next] == 0) _front.Add(next);
                    changed = any = true;
                }
            }
            _frontChanged |= any;
            return any;
        }

        private (int, int) ChooseSwap()
        {
            var layout = _state.LogicalToPhysical;
            // The lookahead depends on the front only, and swaps without progress leave the front as it was.
            if (_frontChanged) CollectLookahead();
            _frontChanged = false;
            _scores.Begin(layout);
            foreach (var node in _front) _scores.AddFront(node);
            foreach (var node in _lookahead) _scores.AddLookahead(node);

            // Candidates in the order the front names them; an edge between two front qubits is listed once.
            _candidates.Clear();
            foreach (var node in _front)
            {
                foreach (var p in (ReadOnlySpan<int>)[layout[dag.First[node]], layout[dag.Second[node]]])
                {
                    foreach (var n in graph.Neighbours(p))
                        if (!_scores.IsFrontQubit(n) || !_scores.Listed(n)) _candidates.Add(p < n ? (p, n) : (n, p));
                    _scores.MarkListed(p);
                }
            }

            var bestScore = double.MaxValue;
            _ties.Clear();
            foreach (var (p, q) in _candidates)
            {
                var score = Math.Max(_decay[p], _decay[q]) * _scores.Cost(p, q, LookaheadWeight);
                if (score < bestScore - 1e-12)
                {
                    bestScore = score;
                    _ties.Clear();
                }
                if (score <= bestScore + 1e-12) _ties.Add((p, q));
            }
            return _ties[random.Next(_ties.Count)];
        }

        /// <summary>The next two-qubit gates behind the front layer, breadth first, up to <see cref="LookaheadSize"/>.</summary>
        private void CollectLookahead()
        {
            _stamp++;
            _queue.Clear();
            _lookahead.Clear();
            foreach (var node in _front)
            {
                _seen[node] = _stamp;
                _queue.Enqueue(node);
            }
            while (_lookahead.Count < LookaheadSize && _queue.TryDequeue(out var node))
            {
                foreach (var next in dag.Successors[node])
                {
                    if (_seen[next] == _stamp) continue;
                    _seen[next] = _stamp;
                    if (dag.IsTwoQubit(next)) _lookahead.Add(next);
                    _queue.Enqueue(next);
                }
            }
        }

        private void Release()
        {
            var layout = _state.LogicalToPhysical;
            var nearest = _front
                .Where(dag.IsTwoQubit)
                .MinBy(n => graph.Distance(layout[dag.First[n]], layout[dag.Second[n]]));
            _state.BringTogether(graph, dag.First[nearest], dag.Second[nearest]);
        }
    }
}
