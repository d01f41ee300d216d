using System.Collections.Immutable;
using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// A user definition that carries a library gate's name and signature and whose body has exactly that gate's matrix
/// (phase conventions included) is that library gate. This is how a file that spells out qelib1.inc, or a printed
/// definition of ecr or rxx, parses back to the library gate instead of its decomposition.
/// </summary>
internal static class LibraryMatch
{
    private static readonly double[][] Samples = [[0.4137, -1.1931, 2.2419, 0.7723], [-2.0117, 0.3358, -0.9104, 1.6663]];

    public static GateDefinition? Recognise(QasmDialect dialect, QasmStatement.GateDefinition definition, ImmutableArray<BodyOp> body)
    {
        if (!GateLibrary.TryGet(definition.Name, out var library)) return null;
        if (library.NumQubits != definition.Qubits.Length || library.NumParameters != definition.Parameters.Length) return null;
        if (body.Any(op => op is BodyOp.Apply a && !GateLibrary.TryGet(a.Name, out _))) return null;
        foreach (var sample in Samples)
        {
            var values = sample[..library.NumParameters];
            var bindings = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < values.Length; i++) bindings[definition.Parameters[i]] = values[i];
            var expected = Scaled(library.Matrix(values), Implied(dialect, library.Name, values, bindings: null));
            var phase = 0.0;
            var steps = new List<GateApplication>();
            foreach (var op in body)
            {
                if (op is BodyOp.Phase p) phase += p.Angle.Evaluate(bindings);
                if (op is not BodyOp.Apply a) continue;
                var parameters = a.Parameters.Select(x => (ParameterExpression)x.Evaluate(bindings)).ToArray();
                steps.Add(new GateApplication(a.Name, parameters, a.Qubits, a.ControlCount));
                phase += Implied(dialect, a.Name, parameters.Select(x => x.Evaluate()).ToArray(), a.ControlCount);
            }
            var actual = Scaled(GateLibrary.Product(library.NumQubits, steps), phase);
            if (!MatrixMath.ApproximatelyEqual(actual, expected, 1e-9)) return null;
        }
        return library;
    }

    private static double Implied(QasmDialect dialect, string name, double[] values, int controlCount = 0, Dictionary<string, double>? bindings = null) =>
        PhaseConventions.Implied(dialect, name, values.Select(v => (ParameterExpression)v).ToArray(), controlCount)?.Evaluate(bindings) ?? 0;

    private static Complex[] Scaled(Complex[] m, double phase)
    {
        var factor = Complex.FromPolarCoordinates(1, phase);
        for (var i = 0; i < m.Length; i++) m[i] *= factor;
        return m;
    }
}
