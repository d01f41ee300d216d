using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Ir;

/// <summary>
/// One operation of a circuit on flat qubit and clbit indices. Closed union; immutable.
/// <see cref="Source"/> is positional metadata and does not take part in equality.
/// </summary>
public abstract record Instruction
{
    private Instruction() { }

    public ClassicalCondition? Condition { get; init; }

    public SourceTag Source { get; init; }

    /// <summary>Qubits touched, in argument order.</summary>
    public abstract EquatableArray<int> Qubits { get; }

    /// <summary>
    /// A gate of the library (<see cref="Gates.GateLibrary"/>) or a declared opaque gate, applied to <see cref="Qubits"/>.
    /// With <see cref="ControlCount"/> &gt; 0 it is `ctrl(ControlCount) @ Name`: the first ControlCount qubits are controls.
    /// </summary>
    public sealed record Gate(string Name, EquatableArray<int> Targets, EquatableArray<ParameterExpression> Parameters, int ControlCount = 0) : Instruction
    {
        public override EquatableArray<int> Qubits => Targets;
    }

    public sealed record Measure(int Qubit, int Clbit) : Instruction
    {
        public override EquatableArray<int> Qubits => new[] { Qubit };
    }

    public sealed record Reset(int Qubit) : Instruction
    {
        public override EquatableArray<int> Qubits => new[] { Qubit };
    }

    public sealed record Barrier(EquatableArray<int> Targets) : Instruction
    {
        public override EquatableArray<int> Qubits => Targets;
    }

    /// <summary>`delay[duration unit]`; Unit is one of ns, us, ms, s, dt.</summary>
    public sealed record Delay(EquatableArray<int> Targets, ParameterExpression Duration, string Unit) : Instruction
    {
        public override EquatableArray<int> Qubits => Targets;

        public double DurationNs(IReadOnlyDictionary<string, double>? bindings = null) => Unit switch
        {
            "ns" => Duration.Evaluate(bindings),
            "us" or "µs" => Duration.Evaluate(bindings) * 1e3,
            "ms" => Duration.Evaluate(bindings) * 1e6,
            "s" => Duration.Evaluate(bindings) * 1e9,
            _ => throw new InvalidOperationException($"delay in '{Unit}' needs the device's dt to convert"),
        };
    }
}
