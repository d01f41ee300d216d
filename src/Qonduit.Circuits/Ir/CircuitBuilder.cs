using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Ir;

/// <summary>Mutable assembly of a <see cref="Circuit"/>, for parsers, generators and tests.</summary>
public sealed class CircuitBuilder
{
    private readonly List<QuantumRegister> _quantum = [];
    private readonly List<ClassicalRegister> _classical = [];
    private readonly List<Instruction> _instructions = [];
    private readonly List<string> _inputs = [];
    private readonly List<string> _opaque = [];
    private ParameterExpression _globalPhase = 0.0;

    public int NumQubits { get; private set; }

    public int NumClbits { get; private set; }

    public IReadOnlyList<QuantumRegister> QuantumRegisters => _quantum;

    public IReadOnlyList<ClassicalRegister> ClassicalRegisters => _classical;

    public int InstructionCount => _instructions.Count;

    public QuantumRegister AddQuantumRegister(string name, int size)
    {
        var register = new QuantumRegister(name, size, NumQubits);
        _quantum.Add(register);
        NumQubits += size;
        return register;
    }

    public ClassicalRegister AddClassicalRegister(string name, int size)
    {
        var register = new ClassicalRegister(name, size, NumClbits);
        _classical.Add(register);
        NumClbits += size;
        return register;
    }

    public void AddInputParameter(string name) => _inputs.Add(name);

    public void AddOpaqueGate(string name) => _opaque.Add(name);

    public void AddGlobalPhase(ParameterExpression phase) => _globalPhase += phase;

    public CircuitBuilder Add(Instruction instruction)
    {
        _instructions.Add(instruction);
        return this;
    }

    public CircuitBuilder Gate(string name, params int[] qubits) =>
        Add(new Instruction.Gate(name, qubits, EquatableArray<ParameterExpression>.Empty));

    public CircuitBuilder Gate(string name, ParameterExpression[] parameters, params int[] qubits) =>
        Add(new Instruction.Gate(name, qubits, parameters));

    public CircuitBuilder Measure(int qubit, int clbit) => Add(new Instruction.Measure(qubit, clbit));

    public Circuit Build() => new(
        _quantum.ToImmutableArray(),
        _classical.ToImmutableArray(),
        _instructions.ToImmutableArray(),
        _globalPhase,
        _inputs.ToImmutableArray(),
        _opaque.ToImmutableArray());
}
