using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// A circuit lowered for execution: bound parameters, gates as matrices, barriers and delays dropped (they are
/// no-ops for the state; a noise model that cares about delays reads the <see cref="Circuit"/> itself).
/// <see cref="ClassicalRegisters"/> fix how clbits are printed as Qiskit-ordered keys (<see cref="CountKeys"/>).
/// </summary>
public sealed record ExecutionPlan(
    int NumQubits,
    int NumClbits,
    ImmutableArray<ExecutionOp> Ops,
    ImmutableArray<ClassicalRegister> ClassicalRegisters,
    double GlobalPhase = 0)
{
    /// <summary>
    /// Lowers a circuit. A circuit without any measurement is measured in full at the end into a register "meas"
    /// (Qiskit's measure_all), so that every plan has an outcome to sample.
    /// </summary>
    /// <exception cref="OpaqueGateException">the circuit uses a gate declared opaque (it has no matrix).</exception>
    /// <exception cref="UnboundParameterException">a parameter is neither constant nor in <paramref name="bindings"/>.</exception>
    public static ExecutionPlan FromCircuit(Circuit circuit, IReadOnlyDictionary<string, double>? bindings = null)
    {
        var ops = ImmutableArray.CreateBuilder<ExecutionOp>(circuit.Instructions.Count);
        var opaque = circuit.OpaqueGates.ToHashSet(StringComparer.Ordinal);
        var measured = false;
        foreach (var instruction in circuit.Instructions)
        {
            var op = Lower(instruction, opaque, bindings);
            if (op is null) continue;
            measured |= op is ExecutionOp.Measure or ExecutionOp.Conditional { Body: ExecutionOp.Measure };
            ops.Add(instruction.Condition is { } condition ? new ExecutionOp.Conditional(condition, op) : op);
        }
        var registers = circuit.ClassicalRegisters.AsImmutableArray();
        var clbits = circuit.NumClbits;
        if (!measured && circuit.NumQubits > 0)
        {
            for (var q = 0; q < circuit.NumQubits; q++) ops.Add(new ExecutionOp.Measure(q, clbits + q));
            registers = registers.Add(new ClassicalRegister("meas", circuit.NumQubits, clbits));
            clbits += circuit.NumQubits;
        }
        return new ExecutionPlan(circuit.NumQubits, clbits, ops.ToImmutable(), registers, circuit.GlobalPhase.Evaluate(bindings));
    }

    /// <summary>The same plan with other steps (a noise model inserts channels and readout errors this way).</summary>
    public ExecutionPlan WithOps(IEnumerable<ExecutionOp> ops) => this with { Ops = [.. ops] };

    /// <summary>
    /// True when one simulation from |0…0⟩ serves every shot: no condition or channel, no reset that changes the state,
    /// and every measurement terminal for its own qubit and bit (<see cref="TerminalMeasurements"/>), however the
    /// circuit goes on on other qubits.
    /// </summary>
    public bool HasTerminalMeasurementsOnly => WithTerminalMeasurementsLast(startsInZero: true).MeasuresOnlyAtEnd;

    /// <summary>The same plan with no-op resets dropped and terminal measurements moved to the end (<see cref="TerminalMeasurements"/>).</summary>
    internal ExecutionPlan WithTerminalMeasurementsLast(bool startsInZero)
    {
        var ops = TerminalMeasurements.Defer(Ops, NumQubits, NumClbits, startsInZero);
        return ops == Ops ? this : this with { Ops = ops };
    }

    /// <summary>On a plan from <see cref="WithTerminalMeasurementsLast"/>: one state, then its readout.</summary>
    internal bool MeasuresOnlyAtEnd => TerminalMeasurements.AreOneStateThenReadout(Ops);

    public CountKeys CountKeys => new(ClassicalRegisters, NumClbits);

    private static ExecutionOp? Lower(Instruction instruction, HashSet<string> opaque, IReadOnlyDictionary<string, double>? bindings) =>
        instruction switch
        {
            Instruction.Gate g when opaque.Contains(g.Name) || !GateLibrary.TryGet(g.Name, out _) =>
                throw new OpaqueGateException(g.Name, instruction.Source.Location),
            Instruction.Gate g => ExecutionOp.Unitary.Of(g.Name, g.Targets.AsSpan(), GateLibrary.Matrix(g, bindings)),
            Instruction.Measure m => new ExecutionOp.Measure(m.Qubit, m.Clbit),
            Instruction.Reset r => new ExecutionOp.Reset(r.Qubit),
            Instruction.Barrier or Instruction.Delay => null,
            _ => throw new InvalidOperationException($"unknown instruction {instruction.GetType().Name}"),
        };
}
