using System.Collections.Immutable;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Elaborator
{
    private void Define(QasmStatement.GateDefinition definition)
    {
        CheckNewGate(definition.Name, definition.Location);
        CheckDistinct(definition.Parameters, definition.Location, "parameter");
        CheckDistinct(definition.Qubits, definition.Location, "qubit argument");
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Qubits.Length; i++) local[definition.Qubits[i]] = i;
        var body = new List<BodyOp>();
        foreach (var statement in definition.Body)
        {
            switch (statement)
            {
                case QasmStatement.GateCall call:
                    var ops = Expand(call, out var arity);
                    var map = new int[arity];
                    for (var j = 0; j < arity; j++)
                    {
                        map[j] = LocalQubit(call.Operands[j], local, definition.Name);
                        for (var k = 0; k < j; k++)
                            if (map[k] == map[j])
                                throw new QasmException(QasmErrorCodes.Semantic, call.Location, $"'{call.Name}' is applied to '{call.Operands[j]}' twice; a gate needs distinct qubits");
                    }
                    foreach (var op in ops) body.Add(Relabel(op, map));
                    break;
                case QasmStatement.Barrier barrier:
                    var qubits = barrier.Operands.IsEmpty
                        ? [.. local.Values]
                        : barrier.Operands.Select(o => LocalQubit(o, local, definition.Name)).Distinct().ToArray();
                    body.Add(new BodyOp.Barrier(qubits));
                    break;
            }
            if (body.Count > _limits.MaxInstructions)
                throw new QasmLimitException(statement.Location, nameof(QasmLimits.MaxInstructions), _limits.MaxInstructions, $"gate '{definition.Name}' expands to too many gates");
        }
        var expanded = body.ToImmutableArray();
        _gates[definition.Name] = LibraryMatch.Recognise(_dialect, definition, expanded) is { } library
            ? new GateSymbol.Library(definition.Name, library, definition.Location)
            : new GateSymbol.Defined(definition.Name, definition.Parameters, definition.Qubits.Length, expanded, definition.Location);
    }

    private void DeclareOpaque(QasmStatement.OpaqueDeclaration opaque)
    {
        CheckNewGate(opaque.Name, opaque.Location);
        CheckDistinct(opaque.Parameters, opaque.Location, "parameter");
        CheckDistinct(opaque.Qubits, opaque.Location, "qubit argument");
        _gates[opaque.Name] = new GateSymbol.Opaque(opaque.Name, opaque.Parameters.Length, opaque.Qubits.Length, opaque.Location);
        _builder.AddOpaqueGate(opaque.Name);
    }

    private void CheckNewGate(string name, SourceLocation at)
    {
        if (!_gates.TryGetValue(name, out var existing)) return;
        var where = existing.DefinedAt is { } previous ? $"at {previous}"
            : name is "U" or "CX" or "gphase" ? "as a built-in gate"
            : $"by {(_dialect == QasmDialect.OpenQasm2 ? "qelib1.inc" : "stdgates.inc")}";
        throw new QasmException(QasmErrorCodes.Redefinition, at, $"gate '{name}' is already defined {where}; choose another name");
    }

    private static void CheckDistinct(ImmutableArray<string> names, SourceLocation at, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (!seen.Add(name)) throw new QasmException(QasmErrorCodes.Redefinition, at, $"{what} '{name}' is listed twice");
    }

    private static int LocalQubit(Operand operand, Dictionary<string, int> local, string gate)
    {
        if (operand.Index is not null)
            throw new QasmException(QasmErrorCodes.Syntax, operand.Location, $"inside gate '{gate}' qubits are named by argument ('{operand.Name}'), not indexed");
        return local.TryGetValue(operand.Name, out var index)
            ? index
            : throw new QasmException(QasmErrorCodes.UnknownName, operand.Location, $"'{operand.Name}' is not a qubit argument of gate '{gate}'");
    }

    private static BodyOp Relabel(BodyOp op, int[] map) => op switch
    {
        BodyOp.Apply a => a with { Qubits = [.. a.Qubits.Select(q => map[q])] },
        BodyOp.Barrier b => new BodyOp.Barrier([.. b.Qubits.Select(q => map[q])]),
        _ => op,
    };
}
