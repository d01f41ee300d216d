using System.Numerics;
using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Gates;

/// <summary>How a gate's matrix is shaped; simulators pick a kernel from it.</summary>
public enum GateStructure { General, Diagonal, Permutation }

public delegate Complex[] MatrixFactory(ReadOnlySpan<double> parameters);

public delegate (string Name, ParameterExpression[] Parameters) InverseFactory(IReadOnlyList<ParameterExpression> parameters);

/// <summary>
/// A library gate. <see cref="Matrix"/> is row-major, 2^n × 2^n, little-endian like Qiskit:
/// bit j of a row/column index is the state of the gate's j-th qubit argument (so for cx, argument 0 is the control
/// and index 0b10 means target=1, control=0).
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

    /// <summary>The library gate (name and parameters) whose matrix is this one's inverse.</summary>
    public (string Name, ParameterExpression[] Parameters) Inverse(IReadOnlyList<ParameterExpression> parameters) => inverse(parameters);

    public override string ToString() => Name;
}
