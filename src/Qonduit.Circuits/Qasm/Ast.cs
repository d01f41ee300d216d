using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>A parsed file: its version header (if any) and statements, before names are resolved.</summary>
internal sealed record QasmProgram(QasmDialect? Dialect, ImmutableArray<QasmStatement> Statements);

/// <summary>
/// One OpenQASM statement as written. Closed union. Expressions are already <see cref="ParameterExpression"/>s
/// (identifiers were checked against the scope while parsing); register references are resolved later.
/// </summary>
internal abstract record QasmStatement
{
    private QasmStatement(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }

    public sealed record Include(SourceLocation At, string Path) : QasmStatement(At);

    /// <summary>`qreg q[n];`, `qubit[n] q;` or `qubit q;` (<paramref name="IsScalar"/>: a single qubit named q).</summary>
    public sealed record QuantumDeclaration(SourceLocation At, string Name, int Size, bool IsScalar) : QasmStatement(At);

    public sealed record ClassicalDeclaration(SourceLocation At, string Name, int Size, bool IsScalar) : QasmStatement(At);

    /// <summary>`input float[64] theta;`: a symbolic parameter bound per run.</summary>
    public sealed record InputDeclaration(SourceLocation At, string Name) : QasmStatement(At);

    public sealed record GateDefinition(
        SourceLocation At, string Name, ImmutableArray<string> Parameters, ImmutableArray<string> Qubits, ImmutableArray<QasmStatement> Body)
        : QasmStatement(At);

    public sealed record OpaqueDeclaration(SourceLocation At, string Name, ImmutableArray<string> Parameters, ImmutableArray<string> Qubits)
        : QasmStatement(At);

    /// <summary>A gate application, `gphase` included (it has no operands unless controlled).</summary>
    public sealed record GateCall(
        SourceLocation At, ImmutableArray<GateModifier> Modifiers, string Name, ImmutableArray<ParameterExpression> Parameters,
        ImmutableArray<Operand> Operands) : QasmStatement(At);

    public sealed record Measure(SourceLocation At, Operand Qubits, Operand Bits) : QasmStatement(At);

    public sealed record Reset(SourceLocation At, Operand Qubits) : QasmStatement(At);

    /// <summary>`barrier a, b;`; no operands means every qubit (OpenQASM 3).</summary>
    public sealed record Barrier(SourceLocation At, ImmutableArray<Operand> Operands) : QasmStatement(At);

    public sealed record Delay(SourceLocation At, ParameterExpression Duration, string Unit, ImmutableArray<Operand> Operands) : QasmStatement(At);

    /// <summary>`if (bits == value) body`; OpenQASM 2 has exactly one statement in the body.</summary>
    public sealed record If(SourceLocation At, Operand Bits, long Value, ImmutableArray<QasmStatement> Body) : QasmStatement(At);
}

/// <summary>`name` (a whole register, broadcast) or `name[index]`.</summary>
internal sealed record Operand(string Name, int? Index, SourceLocation Location)
{
    public override string ToString() => Index is { } i ? $"{Name}[{i}]" : Name;
}

/// <summary>A gate modifier of OpenQASM 3, in the order written (the rightmost applies first).</summary>
internal abstract record GateModifier
{
    private GateModifier(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }

    public sealed record Control(SourceLocation At, int Count, bool Negated) : GateModifier(At);

    public sealed record Inverse(SourceLocation At) : GateModifier(At);

    public sealed record Power(SourceLocation At, ParameterExpression Exponent) : GateModifier(At);
}
