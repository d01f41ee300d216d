using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Routing;

public enum RoutingStrategy { Sabre, Greedy }

internal sealed record RoutingResult(List<Instruction> Instructions, int[] FinalLayout, int Swaps);

/// <summary>
/// The moving layout of one routing run and the steps it took (emit instruction i, swap physical p and q). The
/// physical circuit is written only by <see cref="Result"/>, so SABRE's discarded trials cost no instructions.
/// </summary>
internal sealed class RoutingState
{
    private readonly IReadOnlyList<Instruction> _instructions;
    private readonly int[] _initialLayout;
    private readonly int[] _physicalToLogical;
    private readonly List<long> _steps;

    public RoutingState(IReadOnlyList<Instruction> instructions, int[] initialLayout, int physicalQubits)
    {
        _instructions = instructions;
        _initialLayout = initialLayout;
        LogicalToPhysical = [.. initialLayout];
        _physicalToLogical = new int[physicalQubits];
        Array.Fill(_physicalToLogical, -1);
        for (var l = 0; l < initialLayout.Length; l++) _physicalToLogical[initialLayout[l]] = l;
        _steps = new List<long>(instructions.Count * 5 / 4);
    }

    public int[] LogicalToPhysical { get; }

    public int Swaps { get; private set; }

    public void Emit(int instruction) => _steps.Add(instruction);

    public void Swap(int p, int q)
    {
        var (a, b) = (_physicalToLogical[p], _physicalToLogical[q]);
        (_physicalToLogical[p], _physicalToLogical[q]) = (b, a);
        if (a >= 0) LogicalToPhysical[a] = q;
        if (b >= 0) LogicalToPhysical[b] = p;
        _steps.Add(~((long)p << 32 | (uint)q));
        Swaps++;
    }

    /// <summary>Swaps the first qubit of a gate along a shortest path until it sits next to the second.</summary>
    public void BringTogether(CouplingGraph graph, int logicalA, int logicalB)
    {
        var path = graph.Path(LogicalToPhysical[logicalA], LogicalToPhysical[logicalB]);
        for (var k = 0; k + 2 < path.Count; k++) Swap(path[k], path[k + 1]);
    }

    /// <summary>Replays the steps from the initial layout into the physical circuit.</summary>
    public RoutingResult Result()
    {
        var layout = (int[])_initialLayout.Clone();
        var toLogical = new int[_physicalToLogical.Length];
        Array.Fill(toLogical, -1);
        for (var l = 0; l < layout.Length; l++) toLogical[layout[l]] = l;
        var output = new List<Instruction>(_steps.Count);
        foreach (var step in _steps)
        {
            if (step >= 0)
            {
                output.Add(TranspileContext.Relabel(_instructions[(int)step], layout));
                continue;
            }
            var (p, q) = ((int)(~step >> 32), (int)(uint)~step);
            var (a, b) = (toLogical[p], toLogical[q]);
            (toLogical[p], toLogical[q]) = (b, a);
            if (a >= 0) layout[a] = q;
            if (b >= 0) layout[b] = p;
            output.Add(new Instruction.Gate("swap", new[] { p, q }, EquatableArray<Circuits.Expressions.ParameterExpression>.Empty));
        }
        return new RoutingResult(output, layout, Swaps);
    }
}
