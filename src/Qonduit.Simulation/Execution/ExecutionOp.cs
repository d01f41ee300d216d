using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// One step of an <see cref="ExecutionPlan"/>: what the state-vector engine executes, with every parameter bound
/// and every gate already a matrix. Closed union; immutable. Matrices are row-major, little-endian over
/// <see cref="Qubits"/> like <see cref="GateDefinition"/> (bit j of a row/column index is the j-th listed qubit).
/// </summary>
public abstract record ExecutionOp
{
    private ExecutionOp() { }

    /// <summary>Qubits the step acts on, in argument order.</summary>
    public abstract EquatableArray<int> Qubits { get; }

    /// <summary>
    /// A 2^k × 2^k matrix on k qubits. <see cref="Structure"/> picks the kernel: Diagonal and Permutation
    /// (one non-zero per row, phases allowed) take single-pass kernels. The engine does not check unitarity.
    /// </summary>
    public sealed record Unitary(EquatableArray<int> Targets, EquatableArray<Complex> Matrix, GateStructure Structure, string Name = "") : ExecutionOp
    {
        public override EquatableArray<int> Qubits => Targets;

        /// <summary>A unitary whose structure is read off the matrix (exact zeros), so callers need not classify it.</summary>
        public static Unitary Of(string name, ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix) =>
            new(targets.ToArray(), matrix.ToArray(), MatrixStructure.Classify(matrix), name);
    }

    /// <summary>
    /// Projective Z measurement of <paramref name="Qubit"/> into <paramref name="Clbit"/>. With <paramref name="Readout"/>
    /// the recorded bit (not the post-measurement state) is flipped with the given probabilities.
    /// </summary>
    public sealed record Measure(int Qubit, int Clbit, ReadoutConfusion? Readout = null) : ExecutionOp
    {
        public override EquatableArray<int> Qubits => new[] { Qubit };
    }

    /// <summary>Resets the qubit to |0⟩ (measure, then flip if 1; the outcome is not recorded).</summary>
    public sealed record Reset(int Qubit) : ExecutionOp
    {
        public override EquatableArray<int> Qubits => new[] { Qubit };
    }

    /// <summary><paramref name="Body"/> runs only when the classical bits currently read <see cref="ClassicalCondition.Value"/>.</summary>
    public sealed record Conditional(ClassicalCondition Condition, ExecutionOp Body) : ExecutionOp
    {
        public override EquatableArray<int> Qubits => Body.Qubits;
    }

    /// <summary>
    /// A quantum channel Σ K_i ρ K_i† (Σ K_i†K_i = I) realised as a trajectory: operator i is picked with probability
    /// ‖K_i ψ‖² and the state renormalised. Each matrix has the layout of <see cref="Unitary.Matrix"/>.
    /// </summary>
    public sealed record Kraus(EquatableArray<int> Targets, EquatableArray<EquatableArray<Complex>> Operators, string Name = "") : ExecutionOp
    {
        public override EquatableArray<int> Qubits => Targets;
    }
}

/// <summary>Classical readout error of one measurement: P(record 1 | state 0) and P(record 0 | state 1).</summary>
public sealed record ReadoutConfusion(double Prob1Given0, double Prob0Given1);
