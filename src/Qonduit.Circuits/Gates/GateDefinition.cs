using System.Numerics;
using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Gates;

/// <summary>How a gate's matrix is shaped; simulators pick a kernel from it.</summary>
public enum GateStructure { General, Diagonal, Permutation }

public delegate Complex[] MatrixFactory(ReadOnlySpan<double> parameters);

public delegate GateApplication[] InverseFactory(IReadOnlyList<ParameterExpression> parameters);

/// <summary>
/// A library gate applied to some of another gate's arguments: <see cref="Qubits"/> are indices into that gate's
/// argument list, and with <see cref="ControlCount"/> &gt; 0 it is `ctrl(ControlCount) @ Name`.
/// </summary>
public sealed record GateApplication(string Name, ParameterExpression[] Parameters, int[] Qubits, int ControlCount = 0);

/// <summary>
/// A library gate. <see cref="Matrix"/> is row-major, 2^n × 2^n, little-endian like Qiskit:
/// bit j of a row/column index is the state of the gate's j-th qubit argument (so for cx, argument 0 is the control
/// and index 0b01 means control=1, target=0).
/// </summary>
public sealed class GateDefinition(
    string name, int numQubits, int numParameters, GateStructure structure, MatrixFactory matrix, InverseFactory inverse)
{
    public string Name { get; } = name;

    public int NumQubits { get; } = numQubits;

    public int NumParameters { get; } = numParameters;

    public GateStructure Structure { get; } = structure;

    public Complex[] Matrix(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != NumParameters)
            throw new ArgumentException($"gate '{Name}' takes {NumParameters} parameter(s), got {parameters.Length}");
        return matrix(parameters);
    }

    /// <summary>
    /// Library gates, applied in order on this gate's arguments, whose product is this gate's inverse.
    /// Most gates answer one gate (sdg for s, rx(-θ) for rx); iswap and the relative-phase Toffolis need a sequence.
    /// </summary>
    public GateApplication[] Inverse(IReadOnlyList<ParameterExpression> parameters) => inverse(parameters);

    public override string ToString() => Name;
}
