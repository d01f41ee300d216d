using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler;

/// <summary>
/// Depth (longest chain of operations over qubits and classical bits; barriers do not count), gate count and the number
/// of gates on two or more qubits.
/// </summary>
public sealed record CircuitSize(int Depth, int Gates, int TwoQubitGates)
{
    public static CircuitSize Of(Circuit circuit) => Of(circuit.Instructions, circuit.NumQubits, circuit.NumClbits);

    public static CircuitSize Of(IReadOnlyList<Instruction> instructions, int qubits, int clbits)
    {
        var width = qubits;
        foreach (var instruction in instructions)
            foreach (var q in instruction.Qubits) width = Math.Max(width, q + 1);
        var level = new int[width + clbits];
        var depth = 0;
        var gates = 0;
        var twoQubit = 0;
        var wires = new List<int>(8);
        foreach (var instruction in instructions)
        {
            wires.Clear();
            foreach (var q in instruction.Qubits) wires.Add(q);
            if (instruction is Instruction.Measure m) wires.Add(width + m.Clbit);
            if (instruction.Condition is { } condition)
                foreach (var bit in condition.Clbits) wires.Add(width + bit);
            var start = 0;
            foreach (var w in wires) start = Math.Max(start, level[w]);
            var end = instruction is Instruction.Barrier ? start : start + 1;
            foreach (var w in wires) level[w] = end;
            depth = Math.Max(depth, end);
            if (instruction is not Instruction.Gate gate) continue;
            gates++;
            if (gate.Targets.Count >= 2) twoQubit++;
        }
        return new CircuitSize(depth, gates, twoQubit);
    }

    public override string ToString() => $"depth {Depth}, {Gates} gates, {TwoQubitGates} two-qubit";
}
