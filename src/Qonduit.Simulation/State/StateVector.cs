using System.Numerics;
using Qonduit.Circuits.Gates;

namespace Qonduit.Simulation.State;

/// <summary>
/// 2^n complex amplitudes in aligned native memory (little-endian: bit q of an index is qubit q), complex128 or
/// complex64. Gates go through SIMD kernels that use every core above a size threshold; reductions (probabilities,
/// sampling sums) add fixed chunks in a fixed order so results do not depend on the number of cores.
/// Dispose it: the memory is not managed.
/// </summary>
public abstract class StateVector : IDisposable
{
    private protected StateVector(int numQubits, Precision precision)
    {
        NumQubits = numQubits;
        Precision = precision;
    }

    public int NumQubits { get; }

    public Precision Precision { get; }

    public long Length => 1L << NumQubits;

    public long Bytes => StateVectorLimits.BytesFor(NumQubits, Precision);

    /// <summary>Use more than one core for large states (on by default).</summary>
    public bool Parallel { get; set; } = true;

    /// <summary>A state |0…0⟩, after checking it fits (<see cref="StateVectorLimits"/>).</summary>
    public static StateVector Create(int numQubits, Precision precision)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numQubits);
        StateVectorLimits.EnsureFits(numQubits, precision);
        return precision == Precision.Double ? new StateVector<double>(numQubits) : new StateVector<float>(numQubits);
    }

    public abstract Complex GetAmplitude(long index);

    /// <summary>Sets every amplitude from <paramref name="amplitudes"/> (length 2^n).</summary>
    public abstract void Load(ReadOnlySpan<Complex> amplitudes);

    public Complex[] ToArray()
    {
        var result = new Complex[Length];
        for (long i = 0; i < Length; i++) result[i] = GetAmplitude(i);
        return result;
    }

    /// <summary>Back to |0…0⟩.</summary>
    public abstract void Reset();

    /// <summary>Copies another state of the same size and precision.</summary>
    public abstract void CopyFrom(StateVector other);

    /// <summary>Applies a matrix (row-major, little-endian over <paramref name="targets"/>).</summary>
    public void Apply(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, GateStructure structure) =>
        Apply(CompiledMatrix.Compile(targets, matrix, structure));

    public abstract void Apply(CompiledMatrix matrix);

    /// <summary>
    /// Applies gates in order, except that gates on disjoint qubits may be reordered so that runs of gates on low qubits
    /// take the state through the cache one chunk at a time (<see cref="Kernels.CacheBlocking"/>).
    /// </summary>
    public abstract void Apply(IReadOnlyList<CompiledMatrix> gates);

    /// <summary>Applies a matrix with the reference (scalar) kernel: the oracle of the SIMD kernels.</summary>
    public abstract void ApplyScalar(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix);

    public abstract double NormSquared();

    /// <summary>P(qubit reads 1).</summary>
    public abstract double ProbabilityOfOne(int qubit);

    /// <summary>The reduced density matrix of <paramref name="qubits"/> (2^k × 2^k row-major, little-endian over them).</summary>
    public abstract Complex[] ReducedDensityMatrix(ReadOnlySpan<int> qubits);

    /// <summary>Probabilities summed in consecutive chunks of 2^<see cref="ChunkBits"/> amplitudes (the sampling index).</summary>
    public abstract double[] ChunkProbabilities();

    /// <summary>|amplitude|² of indices [from, to), in order, into <paramref name="into"/>.</summary>
    public abstract void Probabilities(long from, Span<double> into);

    public virtual int ChunkBits => Math.Min(NumQubits, 14);

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    ~StateVector() => Free();

    private protected abstract void Free();
}
