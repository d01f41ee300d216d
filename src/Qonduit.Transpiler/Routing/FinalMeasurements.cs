using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Routing;

/// <summary>
/// Splits a circuit into the part a router moves qubits through and the readout that ends it (what Qiskit's preset
/// pipelines get from a barrier before final measurements). A measurement is final when nothing after it other than
/// final measurements and barriers acts on its qubit or uses its classical bit (a condition reads it, another
/// measurement writes it); a barrier or delay is final when everything after it on its qubits is. Final instructions are
/// routed last, on the layout the router ends with, so no swap lands on a measured qubit and each classical bit reads
/// the physical qubit where its logical qubit ended. Mid-circuit measurements stay where the circuit put them.
/// </summary>
internal static class FinalMeasurements
{
    public static (List<Instruction> Body, List<Instruction> Tail) Split(IReadOnlyList<Instruction> instructions, int qubits, int clbits)
    {
        var final = new bool[instructions.Count];
        var qubitUsedLater = new bool[qubits];
        var clbitUsedLater = new bool[clbits];
        for (var i = instructions.Count - 1; i >= 0; i--)
        {
            var instruction = instructions[i];
            final[i] = instruction switch
            {
                Instruction.Measure { Condition: null } m => !qubitUsedLater[m.Qubit] && !clbitUsedLater[m.Clbit],
                Instruction.Barrier or Instruction.Delay { Condition: null } => instruction.Qubits.All(q => !qubitUsedLater[q]),
                _ => false,
            };
            if (final[i]) continue;
            foreach (var q in instruction.Qubits) qubitUsedLater[q] = true;
            if (instruction is Instruction.Measure measure) clbitUsedLater[measure.Clbit] = true;
            if (instruction.Condition is { } condition)
                foreach (var bit in condition.Clbits) clbitUsedLater[bit] = true;
        }
        var body = new List<Instruction>(instructions.Count);
        var tail = new List<Instruction>();
        for (var i = 0; i < instructions.Count; i++) (final[i] ? tail : body).Add(instructions[i]);
        return (body, tail);
    }
}
