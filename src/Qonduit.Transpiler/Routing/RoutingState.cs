using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Routing;

public enum RoutingStrategy { Sabre, Greedy }

internal sealed record RoutingResult(List<Instruction> Instructions, int[] FinalLayout, int Swaps);

/// <summary>The moving layout of one routing run and the physical circuit it writes.</summary>
internal sealed class RoutingState
{
    private readonly int[] _physicalToLogical;

    public RoutingState(int[] initialLayout, int physicalQubits, int capacity)
    {
        LogicalToPhysical = [.. initialLayout];
        _physicalToLogical = new int[physicalQubits];
        Array.Fill(_physicalToLogical, -1);
        for (var l = 0; l < initialLayout.Length; l++) _physicalToLogical[initialLayout[l]] = l;
        Output = new List<Instruction>(capacity);
    }

    public int[] LogicalToPhysical { get; }

    public List<Instruction> Output { get; }

    public int Swaps { get; private set; }

    public void Emit(Instruction logical) => Output.Add(TranspileContext.Relabel(logical, LogicalToPhysical));

    public void Swap(int p, int q)
    {
        var (a, b) = (_physicalToLogical[p], _physicalToLogical[q]);
        (_physicalToLogical[p], _physicalToLogical[q]) = (b, a);
        if (a >= 0) LogicalToPhysical[a] = q;
        if (b >= 0) LogicalToPhysical[b] = p;
        Output.Add(new Instruction.Gate("swap", new[] { p, q }, EquatableArray<Circuits.Expressions.ParameterExpression>.Empty));
        Swaps++;
    }

    /// <summary>Swaps the first qubit of a gate along a shortest path until it sits next to the second.</summary>
    public void BringTogether(CouplingGraph graph, int logicalA, int logicalB)
    {
        var path = graph.Path(LogicalToPhysical[logicalA], LogicalToPhysical[logicalB]);
        for (var k = 0; k + 2 < path.Count; k++) Swap(path[k], path[k + 1]);
    }

    public RoutingResult Result() => new(Output, [.. LogicalToPhysical], Swaps);
}
