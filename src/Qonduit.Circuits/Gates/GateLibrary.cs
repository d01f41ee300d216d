using System.Collections.Frozen;
using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Gates;

/// <summary>
/// Every gate of Qiskit's qelib1.inc and OpenQASM 3's stdgates.inc, plus ecr, iswap, ryy and rzx, by canonical
/// (Qiskit) name. Aliases (`phase`, `cphase`, `CX`, `U`) resolve to their canonical gate.
/// Phase conventions: matrices are Qiskit's. Some include-file bodies differ from them by a global phase
/// (qelib1's `rz` is `u1`, and its rzz, rxx, sx, sxdg and ch bodies; stdgates' `u2` and `u3` carry gphase(-(φ+λ)/2));
/// the OpenQASM parser accounts for each in the circuit's global phase (Qasm/PhaseConventions.cs), which matters under `ctrl @`.
/// </summary>
public static class GateLibrary
{
    private static readonly FrozenDictionary<string, GateDefinition> Gates =
        StandardGates.All().ToFrozenDictionary(g => g.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["phase"] = "p",
        ["cphase"] = "cp",
        ["CX"] = "cx",
        ["U"] = "u",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<GateDefinition> All => Gates.Values.OrderBy(g => g.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out GateDefinition definition)
    {
        var canonical = Aliases.GetValueOrDefault(name, name);
        return Gates.TryGetValue(canonical, out definition!);
    }

    public static GateDefinition Get(string name) =>
        TryGet(name, out var definition) ? definition : throw new UnknownGateException(name);

    /// <summary>
    /// The unitary of a gate instruction (little-endian over its qubit arguments), with `ctrl @` applied.
    /// Parameters are evaluated with <paramref name="bindings"/>; an unbound symbol throws <see cref="UnboundParameterException"/>.
    /// </summary>
    public static Complex[] Matrix(Instruction.Gate gate, IReadOnlyDictionary<string, double>? bindings = null)
    {
        var definition = Get(gate.Name);
        Span<double> values = stackalloc double[gate.Parameters.Count];
        for (var i = 0; i < values.Length; i++) values[i] = gate.Parameters[i].Evaluate(bindings);
        var matrix = definition.Matrix(values);
        return gate.ControlCount == 0 ? matrix : MatrixMath.Controlled(matrix, gate.ControlCount);
    }

    /// <summary>The product of a sequence of applications on an n-argument gate (the first application acts first).</summary>
    public static Complex[] Product(int numQubits, IEnumerable<GateApplication> sequence)
    {
        var result = MatrixMath.Identity(1 << numQubits);
        foreach (var step in sequence)
        {
            var values = step.Parameters.Select(p => p.Evaluate()).ToArray();
            var matrix = Get(step.Name).Matrix(values);
            if (step.ControlCount > 0) matrix = MatrixMath.Controlled(matrix, step.ControlCount);
            result = MatrixMath.Multiply(MatrixMath.Embed(matrix, step.Qubits, numQubits), result);
        }
        return result;
    }

    /// <summary>The inverse of a sequence: reversed, each step replaced by its own inverse.</summary>
    public static GateApplication[] InverseOf(IEnumerable<GateApplication> sequence) =>
        [.. sequence.Reverse().SelectMany(step => Get(step.Name).Inverse(step.Parameters).Select(inner => Lift(step, inner)))];

    /// <summary>
    /// Places an application expressed on a gate's own arguments onto the arguments of <paramref name="step"/>;
    /// the step's controls stay in front, so `ctrl @ G` inverts to `ctrl @ G⁻¹`.
    /// </summary>
    private static GateApplication Lift(GateApplication step, GateApplication inner)
    {
        var controls = step.Qubits[..step.ControlCount];
        var targets = step.Qubits[step.ControlCount..];
        return inner with
        {
            Qubits = [.. controls, .. inner.Qubits.Select(q => targets[q])],
            ControlCount = step.ControlCount + inner.ControlCount,
        };
    }
}

public sealed class UnknownGateException(string name)
    : QonduitException(ErrorCodes.Circuit.UnknownGate, $"'{name}' is not a gate of the library (qelib1.inc, stdgates.inc, ecr, iswap)")
{
    public string GateName { get; } = name;
}
