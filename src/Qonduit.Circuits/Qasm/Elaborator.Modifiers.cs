using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>The gate modifiers `ctrl @`, `negctrl @`, `inv @` and `pow(k) @` applied to an expanded body, each within the budget.</summary>
internal sealed partial class Elaborator
{
    private List<BodyOp> Control(List<BodyOp> ops, int count, bool negated, SourceLocation at, long budget)
    {
        var controls = Identity(count);
        var result = new List<BodyOp>((int)Math.Min(ops.Count + 2L * count, budget + 1));
        if (negated) result.AddRange(controls.Select(c => new BodyOp.Apply("x", [], [c], 0)));
        foreach (var op in ops)
        {
            Tick(at);
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
            CheckBudget(result, budget, at);
        }
        if (negated) result.AddRange(controls.Select(c => new BodyOp.Apply("x", [], [c], 0)));
        CheckBudget(result, budget, at);
        return result;
    }

    /// <summary>`ctrl(n) @ gphase(θ)`: the phase applies when all controls are 1, i.e. ctrl(n-1) @ p(θ) on the controls.</summary>
    private static BodyOp.Apply ControlledPhase(ParameterExpression angle, int controls)
    {
        var (name, controlCount) = ControlledNames.AddControls("p", 0, controls - 1);
        return new BodyOp.Apply(name, [angle], Identity(controls), controlCount);
    }

    private List<BodyOp> Invert(List<BodyOp> ops, SourceLocation at, long budget)
    {
        var result = new List<BodyOp>(ops.Count);
        for (var i = ops.Count - 1; i >= 0; i--)
        {
            Tick(at);
            switch (ops[i])
            {
                case BodyOp.Apply a:
                    if (!GateLibrary.TryGet(a.Name, out var definition))
                        throw new QasmException(ErrorCodes.Qasm.Semantic, at, $"cannot invert opaque gate '{a.Name}': its matrix is unknown");
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
            CheckBudget(result, budget, at);
        }
        return result;
    }

    private List<BodyOp> Power(List<BodyOp> ops, GateModifier.Power power, long budget)
    {
        var k = PowerOf(power);
        if (k < 0) ops = Invert(ops, power.Location, budget);
        var times = Math.Abs(k);
        var size = Saturating.Multiply(times, ops.Count);
        if (size > budget)
            throw new QasmExpansionException(power.Location, _limits.MaxInstructions, $"pow({k}) expands to {size} operations, more than the {budget} left");
        var result = new List<BodyOp>((int)size);
        for (var i = 0; i < times; i++)
        {
            Tick(power.Location);
            result.AddRange(ops);
        }
        return result;
    }
}
