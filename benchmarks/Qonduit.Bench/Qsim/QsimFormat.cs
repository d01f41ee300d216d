using System.Globalization;
using System.Text;
using Qonduit.Circuits;
using Qonduit.Circuits.Ir;

namespace Qonduit.Bench.Qsim;

/// <summary>
/// Writes a circuit in qsim's text input format (docs/input_format.md of quantumlib/qsim): the number of qubits, then
/// one `time gate qubits parameters` line per gate. A gate's time is its moment (one more than the latest moment of
/// its qubits), so gates qsim may reorder are exactly those that commute by acting on disjoint qubits. Qonduit's qubit q
/// is qsim's qubit q; measurements and barriers are left out (qsim's `simu time` is the evolution alone).
/// </summary>
public static class QsimFormat
{
    /// <summary>Qonduit gate names and their qsim names; angles keep qsim's convention, e^(−iθP/2), which is Qonduit's too.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["h"] = "h", ["x"] = "x", ["y"] = "y", ["z"] = "z", ["t"] = "t", ["s"] = "s", ["sx"] = "x_1_2", ["id"] = "id1",
        ["rx"] = "rx", ["ry"] = "ry", ["rz"] = "rz", ["cx"] = "cnot", ["cz"] = "cz", ["iswap"] = "is",
    };

    public static string Write(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var text = new StringBuilder().Append(circuit.NumQubits.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var moment = new int[circuit.NumQubits];
        foreach (var instruction in circuit.Instructions)
        {
            if (instruction is Instruction.Measure or Instruction.Barrier) continue;
            if (instruction is not Instruction.Gate gate || !Names.TryGetValue(gate.Name, out var name))
                throw new QonduitException("bench.qsim-unsupported-gate", $"qsim's input format has no equivalent of {Describe(instruction)}");
            var time = gate.Targets.Max(q => moment[q]);
            foreach (var q in gate.Targets) moment[q] = time + 1;
            text.Append(time.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name);
            foreach (var q in gate.Targets) text.Append(' ').Append(q.ToString(CultureInfo.InvariantCulture));
            foreach (var p in gate.Parameters) text.Append(' ').Append(p.Evaluate().ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Describe(Instruction instruction) => instruction is Instruction.Gate g ? $"gate '{g.Name}'" : instruction.GetType().Name.ToLowerInvariant();
}
