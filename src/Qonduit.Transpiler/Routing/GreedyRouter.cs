using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Layout;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// The baseline router: gates in program order; a two-qubit gate on distant qubits moves its first qubit along a
/// shortest path until the pair is adjacent. No lookahead.
/// </summary>
internal static class GreedyRouter
{
    public static RoutingResult Route(IReadOnlyList<Instruction> instructions, int[] initialLayout, CouplingGraph graph)
    {
        var state = new RoutingState(instructions, initialLayout, graph.NumQubits);
        for (var i = 0; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            if (DependencyGraph.IsTwoQubitGate(instruction))
            {
                var (a, b) = (instruction.Qubits[0], instruction.Qubits[1]);
                if (!graph.Adjacent(state.LogicalToPhysical[a], state.LogicalToPhysical[b])) state.BringTogether(graph, a, b);
            }
            state.Emit(i);
        }
        return state.Result();
    }
}
