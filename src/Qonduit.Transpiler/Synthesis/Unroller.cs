using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Rewrites any library gate, `ctrl(k) @` forms included, into 1q library gates and cx with the exact global phase.
/// Controlled 1q unitaries (cy, crz, ccx, c4x, ctrl @ u3, ...) are recognised from their matrix; the rest use
/// <see cref="GateDecompositions"/>; `ctrl @` on a multi-qubit gate controls every piece of its decomposition.
/// </summary>
internal static class Unroller
{
    private const double Tolerance = 1e-12;

    public static bool IsPrimitive(Instruction.Gate gate) =>
        gate.ControlCount == 0 && (gate.Targets.Count == 1 || gate.Name == "cx");

    public static void Unroll(Instruction.Gate gate, GateSink sink)
    {
        var definition = GateLibrary.Get(gate.Name);
        Expand(definition, Evaluate(gate.Parameters), [.. gate.Targets], gate.ControlCount, sink);
    }

    public static double[] Evaluate(IReadOnlyList<ParameterExpression> parameters)
    {
        var values = new double[parameters.Count];
        try
        {
            for (var i = 0; i < values.Length; i++) values[i] = parameters[i].Evaluate();
        }
        catch (UnboundParameterException e)
        {
            throw new TranspileException(ErrorCodes.Transpile.UnboundParameter, $"parameter '{e.ParameterName}' has no value: bind the circuit's parameters before transpiling");
        }
        return values;
    }

    private static void Expand(GateDefinition definition, double[] values, int[] qubits, int controls, GateSink sink)
    {
        if (controls == 0 && (definition.NumQubits == 1 || definition.Name == "cx"))
        {
            sink.Gate(definition.Name, values, qubits);
            return;
        }
        if (controls == 0 && GateDecompositions.TryGet(definition.Name, values, out var steps))
        {
            sink.GlobalPhase += Unitary2.PhaseBetween(definition.Matrix(values), GateLibrary.Product(definition.NumQubits, steps));
            foreach (var step in steps)
                Expand(GateLibrary.Get(step.Name), Evaluate(step.Parameters), [.. step.Qubits.Select(q => qubits[q])], step.ControlCount, sink);
            return;
        }
        var matrix = definition.Matrix(values);
        if (controls > 0) matrix = MatrixMath.Controlled(matrix, controls);
        if (TryControlledOneQubit(matrix, qubits.Length, out var target))
        {
            ControlledSynthesis.Controlled(target, qubits.AsSpan(0, qubits.Length - 1), qubits[^1], sink);
            return;
        }
        if (controls == 0)
            throw new InvalidOperationException($"library gate '{definition.Name}' has no decomposition");

        // ctrl @ G for a multi-qubit G: G's own decomposition with every piece, and its global phase, controlled.
        var inner = new GateSink();
        Expand(definition, values, qubits[controls..], 0, inner);
        var controlQubits = qubits[..controls];
        foreach (var piece in inner.Instructions.Cast<Instruction.Gate>())
        {
            if (piece.Name == "cx")
                ControlledSynthesis.MultiControlledX([.. controlQubits, piece.Targets[0]], piece.Targets[1], sink);
            else
                ControlledSynthesis.Controlled(GateLibrary.Matrix(piece), controlQubits, piece.Targets[0], sink);
        }
        ControlledSynthesis.ControlledPhase(inner.GlobalPhase, controlQubits, sink);
    }

    /// <summary>Whether an n-qubit matrix is `ctrl(n-1) @ U` with the controls first; U is its 2×2 active block.</summary>
    private static bool TryControlledOneQubit(Complex[] m, int n, out Complex[] u)
    {
        u = [];
        if (n < 2) return false;
        var d = 1 << n;
        var controls = n - 1;
        var all = (1 << controls) - 1;
        for (var r = 0; r < d; r++)
            for (var c = 0; c < d; c++)
            {
                if ((r & all) == all && (c & all) == all) continue;
                var expected = r == c ? Complex.One : Complex.Zero;
                if (Complex.Abs(m[r * d + c] - expected) > Tolerance) return false;
            }
        u = [m[all * d + all], m[all * d + (all | (1 << controls))], m[(all | (1 << controls)) * d + all], m[(all | (1 << controls)) * d + (all | (1 << controls))]];
        return true;
    }
}
