using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Drops gates that cannot change any result: walking back from the end, a qubit that is measured somewhere is "live"
/// only where a later measurement can still see it (a measurement, or a kept gate joining it to a live qubit, makes it
/// live); a gate whose qubits are all not live is dropped. Qubits the circuit never measures stay live throughout, so a
/// circuit without measurements (a state or an observable is wanted) loses nothing. Runs on logical qubits, before
/// layout, so the final permutation is untouched.
/// </summary>
internal sealed class TrimPass : ITranspilerPass
{
    public string Name => "trim";

    public string Description => "drop gates after a qubit's last measurement that no later measurement can see";

    public void Run(TranspileContext context)
    {
        var instructions = context.Instructions;
        var width = 0;
        foreach (var instruction in instructions)
            foreach (var q in instruction.Qubits) width = Math.Max(width, q + 1);
        var live = new bool[width];
        Array.Fill(live, true);
        foreach (var instruction in instructions)
            if (instruction is Instruction.Measure m) live[m.Qubit] = false;

        var keep = new bool[instructions.Count];
        var dropped = 0;
        for (var i = instructions.Count - 1; i >= 0; i--)
        {
            var instruction = instructions[i];
            keep[i] = true;
            switch (instruction)
            {
                case Instruction.Measure m:
                    live[m.Qubit] = true;
                    break;
                case Instruction.Gate gate:
                    var anyLive = false;
                    foreach (var q in gate.Qubits) anyLive |= live[q];
                    if (!anyLive)
                    {
                        keep[i] = false;
                        dropped++;
                        break;
                    }
                    foreach (var q in gate.Qubits) live[q] = true;
                    break;
                case Instruction.Reset:
                    // Conservative: what precedes a reset on its qubit is kept as it was.
                    foreach (var q in instruction.Qubits) live[q] = true;
                    break;
                default:
                    // Barriers and delays observe nothing; they are kept.
                    break;
            }
        }
        if (dropped == 0) return;
        var kept = new List<Instruction>(instructions.Count - dropped);
        for (var i = 0; i < instructions.Count; i++) if (keep[i]) kept.Add(instructions[i]);
        context.Instructions = kept;
    }
}
