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
    private Remapped? _remapped;

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

    /// <summary>
    /// The same gate on a state made of <paramref name="qubits"/> (ascending): each target becomes its index there. The
    /// order of the targets is kept, so the matrix and the factors still apply. The last answer is kept for the next call.
    /// </summary>
    internal CompiledMatrix OnQubits(int[] qubits)
    {
        if (_remapped is { } last && last.Qubits.AsSpan().SequenceEqual(qubits)) return last.Matrix;
        var matrix = new CompiledMatrix([.. Targets.Select(t => Array.IndexOf(qubits, t))], (Complex[])Matrix, Structure, _factors);
        _remapped = new Remapped(qubits, matrix);
        return matrix;
    }

    internal GateKernel<T> Kernel<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(double))
            return (GateKernel<T>)(object)(_double ??= new GateKernel<double>(Targets.ToArray(), Matrix.ToArray(), Structure, _factors));
        return (GateKernel<T>)(object)(_single ??= new GateKernel<float>(Targets.ToArray(), Matrix.ToArray(), Structure, _factors));
    }

    private sealed record Remapped(int[] Qubits, CompiledMatrix Matrix);
}
