using Qonduit.Transpiler.Layout;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// The summed distances of SABRE's front layer and lookahead gates under the current layout, with each gate filed under
/// the physical qubits it sits on. A swap of p and q moves only the gates on p and q, so a candidate is scored from
/// those few gates (the totals minus their old distances plus their new ones) instead of re-measuring every gate: the
/// same integers, so the same scores and choices, for O(gates on p and q) instead of O(front + lookahead) per candidate.
/// </summary>
internal sealed class SwapScores(CouplingGraph graph, DependencyGraph dag)
{
    private readonly int[] _frontGate = new int[graph.NumQubits];
    private readonly int[] _frontStamp = new int[graph.NumQubits];
    private readonly int[] _listedStamp = new int[graph.NumQubits];
    private readonly int[] _lookaheadHead = new int[graph.NumQubits];
    private readonly int[] _lookaheadStamp = new int[graph.NumQubits];
    private readonly List<int> _entryNode = [];
    private readonly List<int> _entryNext = [];
    private int[] _layout = [];
    private int _stamp;
    private int _frontTotal;
    private int _frontCount;
    private int _lookaheadTotal;
    private int _lookaheadCount;

    /// <summary>Starts a new decision under <paramref name="layout"/> (logical → physical); everything filed before is forgotten.</summary>
    public void Begin(int[] layout)
    {
        _layout = layout;
        _stamp++;
        _entryNode.Clear();
        _entryNext.Clear();
        _frontTotal = _frontCount = _lookaheadTotal = _lookaheadCount = 0;
    }

    public void AddFront(int node)
    {
        var (a, b) = Ends(node);
        _frontTotal += graph.Distance(a, b);
        _frontCount++;
        foreach (var p in (ReadOnlySpan<int>)[a, b])
        {
            _frontGate[p] = node;
            _frontStamp[p] = _stamp;
        }
    }

    public void AddLookahead(int node)
    {
        var (a, b) = Ends(node);
        _lookaheadTotal += graph.Distance(a, b);
        _lookaheadCount++;
        File(a, node);
        File(b, node);
    }

    public bool IsFrontQubit(int physical) => _frontStamp[physical] == _stamp;

    /// <summary>Whether the candidates of this front qubit were listed already (so an edge between two front qubits is listed once).</summary>
    public bool Listed(int physical) => _listedStamp[physical] == _stamp;

    public void MarkListed(int physical) => _listedStamp[physical] = _stamp;

    /// <summary>Mean front distance + <paramref name="lookaheadWeight"/> · mean lookahead distance, were p and q swapped.</summary>
    public double Cost(int p, int q, double lookaheadWeight)
    {
        var front = _frontTotal;
        if (IsFrontQubit(p)) front += Change(_frontGate[p], p, q);
        if (IsFrontQubit(q)) front += Change(_frontGate[q], p, q);
        var lookahead = _lookaheadTotal + LookaheadChange(p, p, q) + LookaheadChange(q, p, q);
        return Mean(front, _frontCount) + lookaheadWeight * Mean(lookahead, _lookaheadCount);
    }

    private int LookaheadChange(int physical, int p, int q)
    {
        if (_lookaheadStamp[physical] != _stamp) return 0;
        var change = 0;
        for (var entry = _lookaheadHead[physical]; entry >= 0; entry = _entryNext[entry]) change += Change(_entryNode[entry], p, q);
        return change;
    }

    /// <summary>
    /// How the gate's distance changes when p and q swap. A gate on both p and q keeps its distance (0), so it may be
    /// counted under both qubits.
    /// </summary>
    private int Change(int node, int p, int q)
    {
        var (a, b) = Ends(node);
        return graph.Distance(Swapped(a, p, q), Swapped(b, p, q)) - graph.Distance(a, b);
    }

    private void File(int physical, int node)
    {
        _entryNode.Add(node);
        _entryNext.Add(_lookaheadStamp[physical] == _stamp ? _lookaheadHead[physical] : -1);
        _lookaheadHead[physical] = _entryNode.Count - 1;
        _lookaheadStamp[physical] = _stamp;
    }

    private (int, int) Ends(int node) => (_layout[dag.First[node]], _layout[dag.Second[node]]);

    private static int Swapped(int physical, int p, int q) => physical == p ? q : physical == q ? p : physical;

    private static double Mean(int total, int count) => count == 0 ? 0 : (double)total / count;
}
