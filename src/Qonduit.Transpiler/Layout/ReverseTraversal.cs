using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Routing;

namespace Qonduit.Transpiler.Layout;

/// <summary>
/// SABRE's layout refinement (Li, Ding and Xie): route the circuit's two-qubit gates forward from a layout, then the
/// reversed gates from where that left the qubits; the end of the backward pass is a start that suits the circuit's
/// first gates. Three rounds on small circuits, one on larger ones; a refined layout is kept only when routing forward
/// from it needs fewer swaps than from the layout it started with. Circuits beyond <see cref="MaxGates"/> two-qubit
/// gates keep their layout, so time stays linear in the circuit.
/// </summary>
internal static class ReverseTraversal
{
    public const int MaxGates = 5_000;

    /// <summary>Below this many two-qubit gates a routing pass is cheap, and more rounds are affordable.</summary>
    private const int SmallCircuit = 300;

    public static int[] Refine(IReadOnlyList<Instruction> instructions, int logicalQubits, CouplingGraph graph, int[] layout, int seed)
    {
        // Only the two-qubit gates shape routing; conditions are dropped (no classical wires here), order is kept.
        var gates = instructions.Where(i => i is Instruction.Gate { Targets.Count: 2 }).Select(i => i with { Condition = null }).ToList();
        if (gates.Count == 0 || gates.Count > MaxGates) return layout;
        var forward = new DependencyGraph(gates, logicalQubits, 0);
        var backward = new DependencyGraph([.. Enumerable.Reverse(gates)], logicalQubits, 0);
        var router = new SabreRouter(graph, seed, trials: 1);
        var rounds = gates.Count <= SmallCircuit ? 3 : 1;
        var ahead = router.Route(forward, layout);
        var (best, bestSwaps) = (layout, ahead.Swaps);
        for (var round = 0; round < rounds && bestSwaps > 0; round++)
        {
            // Each forward pass both scores the start it was given and hands its end to the next backward pass.
            var start = router.Route(backward, ahead.FinalLayout).FinalLayout;
            ahead = router.Route(forward, start);
            if (ahead.Swaps < bestSwaps) (best, bestSwaps) = (start, ahead.Swaps);
        }
        return best;
    }
}
