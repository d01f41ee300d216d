using System.Collections.Immutable;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Elaborator
{
    // Library decompositions are a few dozen gates; a bigger body named like a library gate is the user's own gate.
    private const int MaxRecognisedBody = 1024;

    /// <summary>
    /// Checks a definition and sizes its expansion without materialising it: a gate that doubles its predecessor thirty
    /// times is refused here, from arithmetic, before a single operation is built.
    /// </summary>
    private void Define(QasmStatement.GateDefinition definition)
    {
        CheckNewGate(definition.Name, definition.Location);
        CheckDistinct(definition.Parameters, definition.Location, "parameter");
        CheckDistinct(definition.Qubits, definition.Location, "qubit argument");
        var local = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Qubits.Length; i++) local[definition.Qubits[i]] = i;
        var steps = ImmutableArray.CreateBuilder<DefinedStep>(definition.Body.Length);
        long size = 0;
        var depth = 0;
        string? opaque = null;
        foreach (var statement in definition.Body)
        {
            Tick(statement.Location);
            switch (statement)
            {
                case QasmStatement.GateCall call:
                    var (symbol, arity) = Resolve(call);
                    var map = new int[arity];
                    for (var j = 0; j < arity; j++)
                    {
                        map[j] = LocalQubit(call.Operands[j], local, definition.Name);
                        for (var k = 0; k < j; k++)
                            if (map[k] == map[j])
                                throw new QasmException(ErrorCodes.Qasm.Semantic, call.Location, $"'{call.Name}' is applied to '{call.Operands[j]}' twice; a gate needs distinct qubits");
                    }
                    size = Saturating.Add(size, MinimumExpansion(call, symbol));
                    if (symbol is GateSymbol.Defined inner) depth = Math.Max(depth, inner.Depth + 1);
                    opaque ??= symbol switch { GateSymbol.Opaque o => o.Name, GateSymbol.Defined d => d.OpaqueGate, _ => null };
                    steps.Add(new DefinedStep.Call(call, symbol, map));
                    break;
                case QasmStatement.Barrier barrier:
                    var qubits = barrier.Operands.IsEmpty
                        ? [.. local.Values]
                        : barrier.Operands.Select(o => LocalQubit(o, local, definition.Name)).Distinct().ToArray();
                    size = Saturating.Add(size, 1);
                    steps.Add(new DefinedStep.Barrier(qubits));
                    break;
            }
            if (size > _limits.MaxInstructions)
                throw new QasmExpansionException(statement.Location, _limits.MaxInstructions, $"gate '{definition.Name}' expands to at least {size} operations");
        }
        // Expansion recurses once per level of nesting: bounded like the parser's own recursion.
        if (depth > _limits.MaxNestingDepth)
            throw new QasmLimitException(definition.Location, nameof(QasmLimits.MaxNestingDepth), _limits.MaxNestingDepth, $"gate '{definition.Name}' nests definitions {depth} deep");
        var defined = new GateSymbol.Defined(definition.Name, definition.Parameters, definition.Qubits.Length, steps.ToImmutable(), size, depth, opaque, definition.Location);
        _gates[definition.Name] = Recognise(definition, defined) is { } library ? new GateSymbol.Library(definition.Name, library, definition.Location) : defined;
    }

    private GateDefinition? Recognise(QasmStatement.GateDefinition definition, GateSymbol.Defined defined) =>
        GateLibrary.TryGet(definition.Name, out _) && defined.Size <= MaxRecognisedBody
            ? LibraryMatch.Recognise(_dialect, definition, [.. SymbolicBody(defined, definition.Location, _limits.MaxInstructions)])
            : null;

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
        throw new QasmException(ErrorCodes.Qasm.Redefinition, at, $"gate '{name}' is already defined {where}; choose another name");
    }

    private static void CheckDistinct(ImmutableArray<string> names, SourceLocation at, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
            if (!seen.Add(name)) throw new QasmException(ErrorCodes.Qasm.Redefinition, at, $"{what} '{name}' is listed twice");
    }

    private static int LocalQubit(Operand operand, Dictionary<string, int> local, string gate)
    {
        if (operand.Index is not null)
            throw new QasmException(ErrorCodes.Qasm.Syntax, operand.Location, $"inside gate '{gate}' qubits are named by argument ('{operand.Name}'), not indexed");
        return local.TryGetValue(operand.Name, out var index)
            ? index
            : throw new QasmException(ErrorCodes.Qasm.UnknownName, operand.Location, $"'{operand.Name}' is not a qubit argument of gate '{gate}'");
    }
}
