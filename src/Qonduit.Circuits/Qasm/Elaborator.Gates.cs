using System.Collections.Immutable;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

internal sealed partial class Elaborator
{
    private void Call(QasmStatement.GateCall call, ClassicalCondition? condition)
    {
        var ops = Expand(call, out var arity);
        Span<(int Start, int Count, bool Register)> operands = stackalloc (int, int, bool)[arity];
        var broadcast = -1;
        var broadcastFrom = -1;
        for (var j = 0; j < arity; j++)
        {
            operands[j] = Qubits(call.Operands[j]);
            if (!operands[j].Register) continue;
            if (broadcastFrom >= 0 && operands[j].Count != broadcast)
                throw new QasmException(QasmErrorCodes.BroadcastMismatch, call.Location,
                    $"'{call.Name}' is broadcast over registers of different sizes: {call.Operands[broadcastFrom].Name} has {broadcast} qubits, {call.Operands[j].Name} has {operands[j].Count}");
            broadcast = operands[j].Count;
            broadcastFrom = j;
        }
        var qubits = new int[arity];
        for (var i = 0; i < Math.Max(broadcast, 1); i++)
        {
            for (var j = 0; j < arity; j++)
            {
                qubits[j] = operands[j].Start + (operands[j].Register ? i : 0);
                for (var k = 0; k < j; k++)
                    if (qubits[k] == qubits[j])
                        throw new QasmException(QasmErrorCodes.Semantic, call.Location, $"'{call.Name}' is applied to the same qubit twice ({call.Operands[k]} and {call.Operands[j]}); a gate needs distinct qubits");
            }
            foreach (var op in ops) EmitOp(op, qubits, condition, call.Location);
        }
    }

    private void EmitOp(BodyOp op, int[] map, ClassicalCondition? condition, SourceLocation at)
    {
        switch (op)
        {
            case BodyOp.Apply apply:
                var qubits = new int[apply.Qubits.Length];
                for (var i = 0; i < qubits.Length; i++) qubits[i] = map[apply.Qubits[i]];
                Emit(new Instruction.Gate(apply.Name, qubits, apply.Parameters, apply.ControlCount) { Condition = condition, Source = at });
                if (condition is null && PhaseConventions.Implied(_dialect, apply.Name, apply.Parameters, apply.ControlCount) is { } implied) AddPhase(implied);
                break;
            case BodyOp.Phase phase:
                if (condition is null) AddPhase(phase.Angle);
                break;
            case BodyOp.Barrier barrier:
                Emit(new Instruction.Barrier(barrier.Qubits.Select(q => map[q]).ToArray()) { Condition = condition, Source = at });
                break;
        }
    }

    /// <summary>The call's gate with its modifiers applied, over local qubits: the modifiers' controls first, then the gate's arguments.</summary>
    private List<BodyOp> Expand(QasmStatement.GateCall call, out int arity)
    {
        var symbol = LookupGate(call.Name, call.Location);
        if (call.Parameters.Length != symbol.NumParameters)
            throw new QasmException(QasmErrorCodes.GateArity, call.Location,
                $"gate '{call.Name}' takes {Count(symbol.NumParameters, "parameter")}, {call.Parameters.Length} given");
        var controls = call.Modifiers.IsEmpty ? 0 : call.Modifiers.OfType<GateModifier.Control>().Sum(c => (long)c.Count);
        if (controls + symbol.NumQubits != call.Operands.Length)
            throw new QasmException(QasmErrorCodes.GateArity, call.Location, controls == 0
                ? $"gate '{call.Name}' takes {Count(symbol.NumQubits, "qubit")}, {call.Operands.Length} given"
                : $"'{call.Name}' with {controls} control(s) takes {Count(controls + symbol.NumQubits, "qubit")}, {call.Operands.Length} given");
        arity = call.Operands.Length;
        var ops = Instantiate(symbol, call.Parameters, call.Location);
        for (var m = call.Modifiers.Length - 1; m >= 0; m--)
        {
            ops = call.Modifiers[m] switch
            {
                GateModifier.Control c => Control(ops, c.Count, c.Negated),
                GateModifier.Inverse inv => Invert(ops, inv.Location),
                GateModifier.Power p => Power(ops, p),
                _ => throw new InvalidOperationException("unreachable"),
            };
        }
        return ops;
    }

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private List<BodyOp> Instantiate(GateSymbol symbol, ImmutableArray<ParameterExpression> arguments, SourceLocation at)
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
                var values = new Dictionary<string, ParameterExpression>(StringComparer.Ordinal);
                for (var i = 0; i < parameters.Length; i++) values[defined.ParameterNames[i]] = parameters[i];
                var ops = new List<BodyOp>(defined.Body.Length);
                foreach (var op in defined.Body)
                    ops.Add(op switch
                    {
                        BodyOp.Apply a => a with { Parameters = [.. a.Parameters.Select(p => Substitute(p, values, at))] },
                        BodyOp.Phase p => new BodyOp.Phase(Substitute(p.Angle, values, at)),
                        _ => op,
                    });
                return ops;
            default:
                throw new InvalidOperationException("unreachable");
        }
    }

    private ParameterExpression Substitute(ParameterExpression e, Dictionary<string, ParameterExpression> values, SourceLocation at)
    {
        var result = ExpressionAlgebra.Substitute(e, values);
        if (result is not ParameterExpression.Constant && ExpressionAlgebra.Size(result, _limits.MaxExpressionNodes) > _limits.MaxExpressionNodes)
            throw new QasmLimitException(at, nameof(QasmLimits.MaxExpressionNodes), _limits.MaxExpressionNodes, "gate parameters grow too large when substituted");
        return result;
    }

    private List<BodyOp> Control(List<BodyOp> ops, int count, bool negated)
    {
        var controls = Identity(count);
        var result = new List<BodyOp>(ops.Count + 2 * count);
        if (negated) result.AddRange(controls.Select(c => new BodyOp.Apply("x", [], [c], 0)));
        foreach (var op in ops)
        {
            switch (op)
            {
                case BodyOp.Apply a:
                    if (PhaseConventions.Implied(_dialect, a.Name, a.Parameters, a.ControlCount) is { } implied) result.Add(ControlledPhase(implied, count));
                    var (name, controlCount) = ControlledNames.AddControls(a.Name, a.ControlCount, count);
                    result.Add(new BodyOp.Apply(name, a.Parameters, [.. controls, .. a.Qubits.Select(q => q + count)], controlCount));
                    break;
                case BodyOp.Phase p:
                    result.Add(ControlledPhase(p.Angle, count));
                    break;
                case BodyOp.Barrier b:
                    result.Add(new BodyOp.Barrier([.. controls, .. b.Qubits.Select(q => q + count)]));
                    break;
            }
        }
        if (negated) result.AddRange(controls.Select(c => new BodyOp.Apply("x", [], [c], 0)));
        return result;
    }

    /// <summary>`ctrl(n) @ gphase(θ)`: the phase applies when all controls are 1, i.e. ctrl(n-1) @ p(θ) on the controls.</summary>
    private static BodyOp.Apply ControlledPhase(ParameterExpression angle, int controls)
    {
        var (name, controlCount) = ControlledNames.AddControls("p", 0, controls - 1);
        return new BodyOp.Apply(name, [angle], Identity(controls), controlCount);
    }

    private static List<BodyOp> Invert(List<BodyOp> ops, SourceLocation at)
    {
        var result = new List<BodyOp>(ops.Count);
        for (var i = ops.Count - 1; i >= 0; i--)
        {
            switch (ops[i])
            {
                case BodyOp.Apply a:
                    if (!GateLibrary.TryGet(a.Name, out var definition))
                        throw new QasmException(QasmErrorCodes.Semantic, at, $"cannot invert opaque gate '{a.Name}': its matrix is unknown");
                    var controls = a.Qubits[..a.ControlCount];
                    var targets = a.Qubits[a.ControlCount..];
                    foreach (var inner in definition.Inverse(a.Parameters))
                    {
                        var (name, controlCount) = ControlledNames.AddControls(inner.Name, inner.ControlCount, a.ControlCount);
                        result.Add(new BodyOp.Apply(name, inner.Parameters, [.. controls, .. inner.Qubits.Select(q => targets[q])], controlCount));
                    }
                    break;
                case BodyOp.Phase p:
                    result.Add(new BodyOp.Phase(ExpressionAlgebra.Negate(p.Angle)));
                    break;
                case var barrier:
                    result.Add(barrier);
                    break;
            }
        }
        return result;
    }

    private List<BodyOp> Power(List<BodyOp> ops, GateModifier.Power power)
    {
        if (!ExpressionAlgebra.TryInteger(power.Exponent, out var k))
            throw new QasmException(QasmErrorCodes.Unsupported, power.Location,
                "pow(k) @ with a non-integer or symbolic k is outside the supported subset; use an integer power (negative for the inverse)");
        if (k < 0) ops = Invert(ops, power.Location);
        var times = Math.Abs(k);
        if (times * ops.Count > _limits.MaxInstructions)
            throw new QasmLimitException(power.Location, nameof(QasmLimits.MaxInstructions), _limits.MaxInstructions, $"pow({k}) expands to too many gates");
        var result = new List<BodyOp>((int)(times * ops.Count));
        for (var i = 0; i < times; i++) result.AddRange(ops);
        return result;
    }

    private static readonly int[][] SmallIdentities = [.. Enumerable.Range(0, 8).Select(n => Enumerable.Range(0, n).ToArray())];

    // Shared for small n: op qubit arrays are never written after construction.
    private static int[] Identity(int n) => n < SmallIdentities.Length ? SmallIdentities[n] : [.. Enumerable.Range(0, n)];
}
