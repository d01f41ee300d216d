using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.Kernels;

namespace Qonduit.Simulation.State;

/// <summary>
/// A matrix on given qubits prepared for repeated application (kernel choice and lane-vector coefficients are
/// computed once per precision). Plans compile their gates once and reuse them across shots.
/// </summary>
public sealed class CompiledMatrix
{
    private GateKernel<double>? _double;
    private GateKernel<float>? _single;

    private readonly BlockFactors? _factors;

    private CompiledMatrix(int[] targets, Complex[] matrix, GateStructure structure, BlockFactors? factors)
    {
        Targets = targets;
        Matrix = matrix;
        Structure = structure;
        _factors = factors;
    }

    public IReadOnlyList<int> Targets { get; }

    public IReadOnlyList<Complex> Matrix { get; }

    public GateStructure Structure { get; }

    public static CompiledMatrix Compile(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, GateStructure structure) =>
        Compile(targets, matrix, structure, null);

    /// <param name="factors">the product the matrix was fused from, which a kernel may apply instead of the matrix.</param>
    internal static CompiledMatrix Compile(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, GateStructure structure, BlockFactors? factors)
    {
        if (matrix.Length != 1 << (2 * targets.Length))
            throw new ArgumentException($"a matrix on {targets.Length} qubit(s) has {1 << (2 * targets.Length)} entries, not {matrix.Length}");
        return new CompiledMatrix(targets.ToArray(), matrix.ToArray(), structure, factors);
    }

    internal GateKernel<T> Kernel<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(double))
            return (GateKernel<T>)(object)(_double ??= new GateKernel<double>(Targets.ToArray(), Matrix.ToArray(), Structure, _factors));
        return (GateKernel<T>)(object)(_single ??= new GateKernel<float>(Targets.ToArray(), Matrix.ToArray(), Structure, _factors));
    }
}
