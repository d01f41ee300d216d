using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Estimation;

/// <summary>The circuits an estimate runs: the state preparation without its final readout, and one basis-change circuit per Pauli term.</summary>
public static class MeasurementCircuits
{
    public const string RegisterName = "obs";

    /// <summary>
    /// Drops measurements that end the circuit (nothing later touches the qubit, and no later condition exists), so
    /// the observable, not the circuit's own readout, decides what is measured. Mid-circuit measurements stay.
    /// </summary>
    public static Circuit WithoutFinalMeasurements(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var instructions = circuit.Instructions;
        var keep = new bool[instructions.Count];
        var touchedLater = new HashSet<int>();
        var conditionLater = false;
        for (var i = instructions.Count - 1; i >= 0; i--)
        {
            var instruction = instructions[i];
            keep[i] = instruction is not Instruction.Measure m || touchedLater.Contains(m.Qubit) || conditionLater || m.Condition is not null;
            if (instruction is not Instruction.Barrier) touchedLater.UnionWith(instruction.Qubits);
            conditionLater |= instruction.Condition is not null;
        }
        return circuit with { Instructions = instructions.Where((_, i) => keep[i]).ToImmutableArray() };
    }

    /// <summary>
    /// The prepared state rotated so a Z measurement reads <paramref name="term"/> (H for X; S†, then H for Y) and the
    /// term's support measured into a new last register, whose bits therefore lead every count key. Term qubit i is
    /// read on circuit qubit <paramref name="qubits"/>[i] (i itself when null: the observable is on the circuit's qubits).
    /// </summary>
    public static Circuit ForTerm(Circuit prepared, PauliTerm term, IReadOnlyList<int>? qubits = null)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(term);
        var support = term.Support;
        var register = new ClassicalRegister(RegisterName, support.Count, prepared.NumClbits);
        var added = new List<Instruction>();
        for (var i = 0; i < support.Count; i++)
        {
            var pauli = term.PauliOn(support[i]);
            var q = qubits?[support[i]] ?? support[i];
            if (pauli == 'Y') added.Add(Gate("sdg", q));
            if (pauli is 'X' or 'Y') added.Add(Gate("h", q));
            added.Add(new Instruction.Measure(q, register[i]));
        }
        return prepared with
        {
            ClassicalRegisters = prepared.ClassicalRegisters.AsImmutableArray().Add(register),
            Instructions = prepared.Instructions.AsImmutableArray().AddRange(added),
        };
    }

    /// <summary>The ±1 eigenvalue a count key reports for the term measured by <see cref="ForTerm"/>: the parity of its leading bits.</summary>
    public static int Eigenvalue(string key, int supportSize)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ones = key.AsSpan(0, supportSize).Count('1');
        return ones % 2 == 0 ? 1 : -1;
    }

    private static Instruction.Gate Gate(string name, int qubit) =>
        new(name, new[] { qubit }, EquatableArray<ParameterExpression>.Empty);
}
