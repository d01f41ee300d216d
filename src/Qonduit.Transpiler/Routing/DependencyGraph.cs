using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// Instructions as a DAG: an edge from each instruction to the next one on every wire it uses. Wires are the qubits and
/// the classical bits (a measurement writes its bit, a condition reads its bits), so routing never reorders a
/// conditioned gate before the measurement it depends on.
/// </summary>
internal sealed class DependencyGraph
{
    public DependencyGraph(IReadOnlyList<Instruction> instructions, int qubits, int clbits)
    {
        Instructions = instructions;
        var successors = new List<int>[instructions.Count];
        Predecessors = new int[instructions.Count];
        First = new int[instructions.Count];
        Second = new int[instructions.Count];
        var last = new int[qubits + clbits];
        Array.Fill(last, -1);
        for (var i = 0; i < instructions.Count; i++)
        {
            successors[i] = [];
            var instruction = instructions[i];
            (First[i], Second[i]) = IsTwoQubitGate(instruction) ? (instruction.Qubits[0], instruction.Qubits[1]) : (-1, -1);
            foreach (var wire in Wires(instruction, qubits))
            {
                var previous = last[wire];
                last[wire] = i;
                if (previous < 0 || successors[previous].Count > 0 && successors[previous][^1] == i) continue;
                successors[previous].Add(i);
                Predecessors[i]++;
            }
        }
        Successors = [.. successors.Select(s => s.ToArray())];
    }

    public IReadOnlyList<Instruction> Instructions { get; }

    public int[][] Successors { get; }

    public int[] Predecessors { get; }

    /// <summary>The logical qubits of node i when it is a two-qubit gate; -1 otherwise (the router's hot loops read these, not the records).</summary>
    public int[] First { get; }

    public int[] Second { get; }

    public bool IsTwoQubit(int node) => First[node] >= 0;

    public static bool IsTwoQubitGate(Instruction instruction) => instruction is Instruction.Gate { Targets.Count: 2 };

    private static IEnumerable<int> Wires(Instruction instruction, int qubits)
    {
        foreach (var q in instruction.Qubits) yield return q;
        if (instruction is Instruction.Measure m) yield return qubits + m.Clbit;
        if (instruction.Condition is { } condition)
            foreach (var bit in condition.Clbits) yield return qubits + bit;
    }
}
