using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Elaborator
{
    private void Call(QasmStatement.GateCall call, ClassicalCondition? condition)
    {
        var (symbol, arity) = Resolve(call);
        Span<(int Start, int Count, bool Register)> operands = stackalloc (int, int, bool)[arity];
        var broadcast = -1;
        var broadcastFrom = -1;
        for (var j = 0; j < arity; j++)
        {
            operands[j] = Qubits(call.Operands[j]);
            if (!operands[j].Register) continue;
            if (broadcastFrom >= 0 && operands[j].Count != broadcast)
                throw new QasmException(ErrorCodes.Qasm.BroadcastMismatch, call.Location,
                    $"'{call.Name}' is broadcast over registers of different sizes: {call.Operands[broadcastFrom].Name} has {broadcast} qubits, {call.Operands[j].Name} has {operands[j].Count}");
            broadcast = operands[j].Count;
            broadcastFrom = j;
        }
        var repeats = Math.Max(broadcast, 1);
        var resolved = operands.ToArray();
        for (var i = 0; i < repeats; i++)
            for (var j = 0; j < arity; j++)
                for (var k = 0; k < j; k++)
                    if (Qubit(resolved[k], i) == Qubit(resolved[j], i))
                        throw new QasmException(ErrorCodes.Qasm.Semantic, call.Location, $"'{call.Name}' is applied to the same qubit twice ({call.Operands[k]} and {call.Operands[j]}); a gate needs distinct qubits");
        var expands = symbol is GateSymbol.Defined || !call.Modifiers.IsEmpty;
        Plan(Saturating.Multiply(MinimumExpansion(call, symbol), repeats), call.Location, call.Name, expands, () =>
        {
            var ops = Expand(call, symbol, ((long)_limits.MaxInstructions - _builder.InstructionCount) / repeats);
            var qubits = new int[arity];
            for (var i = 0; i < repeats; i++)
            {
                for (var j = 0; j < arity; j++) qubits[j] = Qubit(resolved[j], i);
                foreach (var op in ops) EmitOp(op, qubits, condition, call);
            }
        });
    }

    private static int Qubit((int Start, int Count, bool Register) operand, int repeat) => operand.Start + (operand.Register ? repeat : 0);

    private void EmitOp(BodyOp op, int[] map, ClassicalCondition? condition, QasmStatement.GateCall call)
    {
        Tick(call.Location);
        switch (op)
        {
            case BodyOp.Apply apply:
                CheckFinite(apply.Name, apply.Parameters, call);
                var qubits = new int[apply.Qubits.Length];
                for (var i = 0; i < qubits.Length; i++) qubits[i] = map[apply.Qubits[i]];
                Emit(new Instruction.Gate(apply.Name, qubits, apply.Parameters, apply.ControlCount) { Condition = condition, Source = call.Location });
                if (condition is null && PhaseConventions.Implied(_dialect, apply.Name, apply.Parameters, apply.ControlCount) is { } implied) AddPhase(implied);
                break;
            case BodyOp.Phase phase:
                CheckFinite("gphase", [phase.Angle], call);
                if (condition is null) AddPhase(phase.Angle);
                break;
            case BodyOp.Barrier barrier:
                Emit(new Instruction.Barrier(barrier.Qubits.Select(q => map[q]).ToArray()) { Condition = condition, Source = call.Location });
                break;
        }
    }

    /// <summary>NaN or an infinity (folded from e.g. 0/0 or 1e308*1e308) would run as a meaningless rotation.</summary>
    private static void CheckFinite(string gate, ParameterExpression[] parameters, QasmStatement.GateCall call)
    {
        for (var i = 0; i < parameters.Length; i++)
            if (NonFinite.Find(parameters[i]) is { } value)
                throw new QasmException(ErrorCodes.Qasm.NonFiniteParameter, call.Location,
                    $"parameter {i + 1} of '{gate}' (from '{call.Name}') is {value} after constant folding; gate parameters must be finite numbers");
    }

    /// <summary>The call's gate, checked against the call: parameter and qubit counts, an integer pow, no inverse of an opaque gate.</summary>
    private (GateSymbol Symbol, int Arity) Resolve(QasmStatement.GateCall call)
    {
        var symbol = LookupGate(call.Name, call.Location);
        if (call.Parameters.Length != symbol.NumParameters)
            throw new QasmException(ErrorCodes.Qasm.GateArity, call.Location,
                $"gate '{call.Name}' takes {Count(symbol.NumParameters, "parameter")}, {call.Parameters.Length} given");
        var controls = call.Modifiers.IsEmpty ? 0 : call.Modifiers.OfType<GateModifier.Control>().Sum(c => (long)c.Count);
        if (controls + symbol.NumQubits != call.Operands.Length)
            throw new QasmException(ErrorCodes.Qasm.GateArity, call.Location, controls == 0
                ? $"gate '{call.Name}' takes {Count(symbol.NumQubits, "qubit")}, {call.Operands.Length} given"
                : $"'{call.Name}' with {controls} control(s) takes {Count(controls + symbol.NumQubits, "qubit")}, {call.Operands.Length} given");
        var opaque = symbol switch { GateSymbol.Opaque o => o.Name, GateSymbol.Defined d => d.OpaqueGate, _ => null };
        foreach (var modifier in call.Modifiers)
        {
            var inverts = modifier is GateModifier.Inverse || (modifier is GateModifier.Power p && PowerOf(p) < 0);
            if (inverts && opaque is not null)
                throw new QasmException(ErrorCodes.Qasm.Semantic, modifier.Location, $"cannot invert opaque gate '{opaque}': its matrix is unknown");
        }
        return (symbol, call.Operands.Length);
    }

    /// <summary>
    /// Operations the call expands to at least, from sizes alone: exact for plain calls and pow, a lower bound under
    /// ctrl (which may add phase gates) and inv (a library inverse may take several gates).
    /// </summary>
    private static long MinimumExpansion(QasmStatement.GateCall call, GateSymbol symbol)
    {
        long size = symbol is GateSymbol.Defined defined ? defined.Size : 1;
        for (var m = call.Modifiers.Length - 1; m >= 0; m--)
        {
            size = call.Modifiers[m] switch
            {
                GateModifier.Control { Negated: true } c => Saturating.Add(size, 2L * c.Count),
                GateModifier.Power p => Saturating.Multiply(size, Math.Abs(PowerOf(p))),
                _ => size,
            };
        }
        return size;
    }

    private static long PowerOf(GateModifier.Power power) => ExpressionAlgebra.TryInteger(power.Exponent, out var k)
        ? k
        : throw new QasmException(ErrorCodes.Qasm.Unsupported, power.Location,
            "pow(k) @ with a non-integer or symbolic k is outside the supported subset; use an integer power (negative for the inverse)");

    /// <summary>
    /// The call's gate with its modifiers applied, over local qubits: the modifiers' controls first, then the gate's
    /// arguments. No list it builds grows past <paramref name="budget"/> operations.
    /// </summary>
    private List<BodyOp> Expand(QasmStatement.GateCall call, GateSymbol symbol, long budget)
    {
        var ops = Instantiate(symbol, call.Parameters, call.Location, budget);
        for (var m = call.Modifiers.Length - 1; m >= 0; m--)
        {
            ops = call.Modifiers[m] switch
            {
                GateModifier.Control c => Control(ops, c.Count, c.Negated, call.Location, budget),
                GateModifier.Inverse inv => Invert(ops, inv.Location, budget),
                GateModifier.Power p => Power(ops, p, budget),
                _ => throw new InvalidOperationException("unreachable"),
            };
        }
        return ops;
    }

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private List<BodyOp> Instantiate(GateSymbol symbol, ImmutableArray<ParameterExpression> arguments, SourceLocation at, long budget)
    {
        var parameters = arguments.IsEmpty ? [] : arguments.ToArray();
        switch (symbol)
        {
            case GateSymbol.Library library:
                return [new BodyOp.Apply(library.Definition.Name, parameters, Identity(library.NumQubits), 0)];
            case GateSymbol.Opaque opaque:
                return [new BodyOp.Apply(opaque.Name, parameters, Identity(opaque.NumQubits), 0)];
            case GateSymbol.GlobalPhase:
                return [new BodyOp.Phase(parameters[0])];
            case GateSymbol.Defined defined:
                var body = SymbolicBody(defined, at, budget);
                if (parameters.Length == 0) return body;
                var values = new Dictionary<string, ParameterExpression>(StringComparer.Ordinal);
                for (var i = 0; i < parameters.Length; i++) values[defined.ParameterNames[i]] = parameters[i];
                var ops = new List<BodyOp>(body.Count);
                foreach (var op in body)
                {
                    Tick(at);
                    ops.Add(op switch
                    {
                        BodyOp.Apply a => a with { Parameters = [.. a.Parameters.Select(p => Substitute(p, values, at))] },
                        BodyOp.Phase p => new BodyOp.Phase(Substitute(p.Angle, values, at)),
                        _ => op,
                    });
                }
                return ops;
            default:
                throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>
    /// A definition expanded over its own arguments and parameters (still symbolic). Kept for the next use while the
    /// kept bodies stay within <see cref="QasmLimits.MaxInstructions"/> operations in all, so a gate used many times
    /// is expanded once and memory stays bounded; callers read the list and never change it.
    /// </summary>
    private List<BodyOp> SymbolicBody(GateSymbol.Defined defined, SourceLocation at, long budget)
    {
        if (_bodies.TryGetValue(defined, out var kept))
        {
            CheckBudget(kept, budget, at);
            return kept;
        }
        var body = Body(defined, at, budget);
        if (_keptOperations + body.Count <= _limits.MaxInstructions)
        {
            _bodies[defined] = body;
            _keptOperations += body.Count;
        }
        return body;
    }

    private List<BodyOp> Body(GateSymbol.Defined defined, SourceLocation at, long budget)
    {
        var ops = new List<BodyOp>((int)Math.Min(defined.Size, budget));
        foreach (var step in defined.Body)
        {
            switch (step)
            {
                case DefinedStep.Call call:
                    var left = budget - ops.Count;
                    if (MinimumExpansion(call.Statement, call.Symbol) > left)
                        throw new QasmExpansionException(call.Statement.Location, _limits.MaxInstructions, $"'{call.Statement.Name}' expands to more than the {left} operations left");
                    foreach (var op in Expand(call.Statement, call.Symbol, left))
                    {
                        Tick(at);
                        ops.Add(op switch
                        {
                            BodyOp.Apply a => a with { Qubits = [.. a.Qubits.Select(q => call.Map[q])] },
                            BodyOp.Barrier b => new BodyOp.Barrier([.. b.Qubits.Select(q => call.Map[q])]),
                            _ => op,
                        });
                    }
                    break;
                case DefinedStep.Barrier barrier:
                    ops.Add(new BodyOp.Barrier(barrier.Qubits));
                    CheckBudget(ops, budget, at);
                    break;
            }
        }
        return ops;
    }

    private ParameterExpression Substitute(ParameterExpression e, Dictionary<string, ParameterExpression> values, SourceLocation at)
    {
        var result = ExpressionAlgebra.Substitute(e, values);
        if (result is not ParameterExpression.Constant && ExpressionAlgebra.Size(result, _limits.MaxExpressionNodes) > _limits.MaxExpressionNodes)
            throw new QasmLimitException(at, nameof(QasmLimits.MaxExpressionNodes), _limits.MaxExpressionNodes, "gate parameters grow too large when substituted");
        return result;
    }

    private void CheckBudget(List<BodyOp> ops, long budget, SourceLocation at)
    {
        if (ops.Count > budget)
            throw new QasmExpansionException(at, _limits.MaxInstructions, $"the gate expands to more than the {budget} operations left");
    }

    /// <summary>Stops a parse whose deadline passed; checked every 4096 steps of expansion so it costs nothing measurable.</summary>
    private void Tick(SourceLocation at)
    {
        if ((++_ticks & 4095) == 0 && _cancellation.IsCancellationRequested) throw new QasmDeadlineException(at);
    }

    private static readonly int[][] SmallIdentities = [.. Enumerable.Range(0, 8).Select(n => Enumerable.Range(0, n).ToArray())];

    // Shared for small n: op qubit arrays are never written after construction.
    private static int[] Identity(int n) => n < SmallIdentities.Length ? SmallIdentities[n] : [.. Enumerable.Range(0, n)];
}
