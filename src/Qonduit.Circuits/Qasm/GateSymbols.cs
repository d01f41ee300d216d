using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>What a gate name means in a program. Closed union.</summary>
internal abstract record GateSymbol(string Name, int NumParameters, int NumQubits, SourceLocation? DefinedAt)
{
    /// <summary>Applied as itself: <see cref="Instruction.Gate"/> with the library's canonical name.</summary>
    public sealed record Library(string Spelling, GateDefinition Definition, SourceLocation? At)
        : GateSymbol(Spelling, Definition.NumParameters, Definition.NumQubits, At);

    /// <summary>
    /// A user definition, checked but not expanded: its steps over its own arguments 0..n-1 are expanded at each use,
    /// so a definition costs its source, not its expansion. <paramref name="Size"/> is a lower bound on the operations
    /// one use expands to (exact without ctrl or inv modifiers); <paramref name="Depth"/> how deep definitions nest
    /// under it; <paramref name="OpaqueGate"/> an opaque gate it applies, if any (then it cannot be inverted).
    /// </summary>
    public sealed record Defined(
        string Spelling, ImmutableArray<string> ParameterNames, int Qubits, ImmutableArray<DefinedStep> Body, long Size, int Depth, string? OpaqueGate,
        SourceLocation At)
        : GateSymbol(Spelling, ParameterNames.Length, Qubits, At);

    public sealed record Opaque(string Spelling, int Parameters, int Qubits, SourceLocation At) : GateSymbol(Spelling, Parameters, Qubits, At);

    /// <summary>OpenQASM 3's `gphase(γ)`: no qubits of its own; under `ctrl @` it becomes a phase gate on the controls.</summary>
    public sealed record GlobalPhase() : GateSymbol("gphase", 1, 0, null);
}

/// <summary>One statement of a gate definition, resolved against the definition's qubit arguments. Closed union.</summary>
internal abstract record DefinedStep
{
    private DefinedStep() { }

    /// <summary>A checked gate call of <paramref name="Symbol"/>; <paramref name="Map"/> takes its local qubits to the definition's arguments.</summary>
    public sealed record Call(QasmStatement.GateCall Statement, GateSymbol Symbol, int[] Map) : DefinedStep;

    public sealed record Barrier(int[] Qubits) : DefinedStep;
}

/// <summary>One step of an expanded gate body, over local qubit indices. Closed union.</summary>
internal abstract record BodyOp
{
    private BodyOp() { }

    /// <summary>A library (or opaque) gate; with ControlCount &gt; 0 the first qubits are its controls.</summary>
    public sealed record Apply(string Name, ParameterExpression[] Parameters, int[] Qubits, int ControlCount) : BodyOp;

    public sealed record Phase(ParameterExpression Angle) : BodyOp;

    public sealed record Barrier(int[] Qubits) : BodyOp;
}

/// <summary>
/// Names for controlled library gates: `ctrl @ x` is cx, `ctrl @ cx` is ccx, and so on. A gate is split into its base
/// and control count, controls are added, and the sum is named by the library when it can be.
/// </summary>
internal static class ControlledNames
{
    private static readonly (string Base, int Controls, string Name)[] Table =
    [
        ("x", 1, "cx"), ("x", 2, "ccx"), ("x", 3, "c3x"), ("x", 4, "c4x"), ("y", 1, "cy"), ("z", 1, "cz"), ("h", 1, "ch"),
        ("sx", 1, "csx"), ("sx", 3, "c3sqrtx"), ("swap", 1, "cswap"), ("rx", 1, "crx"), ("ry", 1, "cry"), ("rz", 1, "crz"),
        ("p", 1, "cp"), ("u1", 1, "cu1"), ("u3", 1, "cu3"),
    ];

    // u and u3 have the same matrix; controlled, both are named from u3 so `ctrl @ U` is cu3.
    private static readonly Dictionary<string, (string Base, int Controls)> Split =
        Table.Append((Base: "u3", Controls: 0, Name: "u")).ToDictionary(t => t.Name, t => (t.Base, t.Controls), StringComparer.Ordinal);

    private static readonly Dictionary<(string, int), string> Join = Table.ToDictionary(t => (t.Base, t.Controls), t => t.Name);

    public static (string Name, int ControlCount) AddControls(string name, int controlCount, int added)
    {
        if (controlCount + added == 0) return (name, 0);
        var (baseName, baseControls) = Split.TryGetValue(name, out var split) ? split : (name, 0);
        var total = baseControls + controlCount + added;
        return Join.TryGetValue((baseName, total), out var joined) ? (joined, 0) : (baseName, total);
    }
}
