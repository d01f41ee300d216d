using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Qonduit.Simulation.Kernels;

namespace Qonduit.Simulation.State;

/// <summary>The state vector over interleaved (re, im) scalars of <typeparamref name="T"/> (double or float).</summary>
[SkipLocalsInit]
internal sealed unsafe class StateVector<T> : StateVector where T : unmanaged
{
    private readonly StateLayout _layout;
    private T* _data;

    public StateVector(int numQubits)
        : this(numQubits, StateLayout.For<T>())
    {
    }

    /// <summary>A state in a given layout (tests use small segments so that every path crosses gaps).</summary>
    internal StateVector(int numQubits, StateLayout layout)
        : base(numQubits, typeof(T) == typeof(double) ? Precision.Double : Precision.Single)
    {
        _layout = layout;
        var bytes = (nuint)(2 * layout.Extent(numQubits) * sizeof(T));
        _data = (T*)StateMemory.Allocate(bytes);
        if (_data is null) throw new OutOfMemoryException($"cannot allocate {StateVectorLimits.FormatBytes((long)bytes)} for the state");
        GC.AddMemoryPressure((long)bytes);
        Reset();
    }

    public override int ChunkBits => Math.Min(base.ChunkBits, _layout.SegmentBits);

    public override Complex GetAmplitude(long index) => ScalarKernels.Read(_data, _layout, CheckIndex(index));

    public override void Load(ReadOnlySpan<Complex> amplitudes)
    {
        if (amplitudes.Length != Length) throw new ArgumentException($"expected {Length} amplitudes, got {amplitudes.Length}");
        for (var i = 0; i < amplitudes.Length; i++) ScalarKernels.Write(_data, _layout, i, amplitudes[i]);
    }

    public override void Reset()
    {
        ForEachChunk(chunk => new Span<T>(Chunk(chunk), 2 << ChunkBits).Clear());
        _data[0] = SimdOps<T>.FromDouble(1);
    }

    public override void CopyFrom(StateVector other)
    {
        if (other is not StateVector<T> source || source.NumQubits != NumQubits || source._layout != _layout)
            throw new ArgumentException("states differ in size, precision or layout");
        ForEachChunk(chunk =>
        {
            var at = Chunk(chunk) - _data;
            new ReadOnlySpan<T>(source._data + at, 2 << ChunkBits).CopyTo(new Span<T>(_data + at, 2 << ChunkBits));
        });
    }

    public override void Apply(CompiledMatrix matrix)
    {
        foreach (var target in matrix.Targets)
            if ((uint)target >= (uint)NumQubits) throw new ArgumentOutOfRangeException(nameof(matrix), $"qubit {target} outside a {NumQubits}-qubit state");
        matrix.Kernel<T>().Apply(_data, _layout, NumQubits, Parallel);
    }

    public override void Apply(IReadOnlyList<CompiledMatrix> gates)
    {
        var chunkBits = CacheBlocking.ChunkBits(Precision);
        if (NumQubits <= chunkBits || !SimdOps<T>.IsAccelerated)
        {
            foreach (var gate in gates) Apply(gate);
            return;
        }
        foreach (var (run, tile) in CacheBlocking.Schedule(gates, chunkBits))
        {
            if (tile == 0) Apply(run[0]);
            else if (tile == (1L << chunkBits) - 1) ApplyChunked(run, chunkBits);
            else ApplyTiled(run, tile, chunkBits);
        }
    }

    public override void ApplyScalar(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix) =>
        ScalarKernels.Apply(_data, _layout, NumQubits, targets, matrix);

    public override double NormSquared() => ChunkProbabilities().Sum();

    public override double ProbabilityOfOne(int qubit)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)qubit, (uint)NumQubits, nameof(qubit));
        var (p0, p1, _) = QubitMoments.Compute(_data, _layout, NumQubits, qubit, Parallel);
        return p1 / (p0 + p1);
    }

    public override Complex[] ReducedDensityMatrix(ReadOnlySpan<int> qubits)
    {
        if (qubits.Length == 1)
        {
            var (p0, p1, coherence) = QubitMoments.Compute(_data, _layout, NumQubits, qubits[0], Parallel);
            return [p0, coherence, Complex.Conjugate(coherence), p1];
        }
        var k = qubits.Length;
        var dimension = 1 << k;
        var offsets = new long[dimension];
        for (var g = 0; g < dimension; g++)
            for (var j = 0; j < k; j++) if ((g >> j & 1) != 0) offsets[g] |= 1L << qubits[j];
        var sorted = qubits.ToArray().Order().ToArray();
        var rho = new Complex[dimension * dimension];
        var amplitudes = new Complex[dimension];
        for (long b = 0; b < 1L << (NumQubits - k); b++)
        {
            var baseIndex = BlockSweep.Insert(b, sorted);
            for (var g = 0; g < dimension; g++) amplitudes[g] = ScalarKernels.Read(_data, _layout, baseIndex + offsets[g]);
            for (var r = 0; r < dimension; r++)
                for (var c = 0; c < dimension; c++) rho[r * dimension + c] += amplitudes[r] * Complex.Conjugate(amplitudes[c]);
        }
        return rho;
    }

    public override double[] ChunkProbabilities()
    {
        var sums = new double[1L << (NumQubits - ChunkBits)];
        var chunkLength = 2 << ChunkBits;
        ForEachChunk(chunk => sums[chunk] = SumOfSquares(Chunk(chunk), chunkLength));
        return sums;
    }

    // Full optimisation from the first call: it reads the whole state once per sampled run, and at tier 0 its SIMD
    // helpers are calls, not instructions.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfSquares(T* p, int length)
    {
        double sum = 0;
        var i = 0;
        if (SimdOps<T>.IsAccelerated)
            for (; i + SimdOps<T>.Width <= length; i += SimdOps<T>.Width) sum += SimdOps<T>.SumOfSquares(Vector256.Load(p + i));
        for (; i < length; i++) sum += SimdOps<T>.ToDouble(p[i]) * SimdOps<T>.ToDouble(p[i]);
        return sum;
    }

    public override void Probabilities(long from, Span<double> into)
    {
        if (from < 0 || from + into.Length > Length) throw new ArgumentOutOfRangeException(nameof(from));
        Norms(from, into);
    }

    // As SumOfSquares: the sampler reads about half the state through here, from the first run on.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Norms(long from, Span<double> into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = Norm(from + i);
    }

    private protected override void Free()
    {
        if (_data is null) return;
        NativeMemory.AlignedFree(_data);
        GC.RemoveMemoryPressure(2 * _layout.Extent(NumQubits) * sizeof(T));
        _data = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Norm(long i)
    {
        var p = _data + 2 * _layout.Position(i);
        var re = SimdOps<T>.ToDouble(p[0]);
        var im = SimdOps<T>.ToDouble(p[1]);
        return re * re + im * im;
    }

    /// <summary>Each chunk of 2^<paramref name="chunkBits"/> amplitudes through every gate of the run (targets below those bits).</summary>
    private void ApplyChunked(List<CompiledMatrix> run, int chunkBits)
    {
        var kernels = run.Select(g => g.Kernel<T>()).ToArray();
        var data = (nint)_data;
        var layout = _layout;
        void Chunk(long chunk)
        {
            // Positions are additive over disjoint bits, so a chunk is a state of its own at its first amplitude.
            var at = (T*)data + 2 * layout.Position(chunk << chunkBits);
            foreach (var kernel in kernels) kernel.Apply(at, layout, chunkBits, parallel: false);
        }
        var chunks = 1L << (NumQubits - chunkBits);
        if (Parallel && NumQubits >= BlockSweep.ParallelThresholdQubits) System.Threading.Tasks.Parallel.For(0L, chunks, Chunk);
        else for (long c = 0; c < chunks; c++) Chunk(c);
    }

    /// <summary>
    /// Each tile (the amplitudes that agree outside the qubits of <paramref name="tile"/>) through every gate of the run:
    /// gathered into a per-worker buffer in contiguous pieces, where the gates act on it as a state of
    /// <paramref name="chunkBits"/> qubits (the tile's qubits in ascending order), then scattered back.
    /// </summary>
    private void ApplyTiled(List<CompiledMatrix> run, long tile, int chunkBits)
    {
        var qubits = Enumerable.Range(0, NumQubits).Where(q => (tile >> q & 1) != 0).ToArray();
        var kernels = run.Select(g => g.OnQubits(qubits).Kernel<T>()).ToArray();
        var pieceBits = Math.Min(BitOperations.TrailingZeroCount(~tile), _layout.SegmentBits);
        var pieceLength = 2 << pieceBits;
        var scattered = tile & ~((1L << pieceBits) - 1);
        var flat = new StateLayout(chunkBits, 0);
        var data = (nint)_data;
        var layout = _layout;
        var bufferBytes = (nuint)((2L << chunkBits) * sizeof(T));
        void Tile(long t, nint buffer)
        {
            var at = (T*)buffer;
            var first = BlockSweep.Deposit(t, tile);
            // Pieces in the order of the tile's index: the scattered qubits' patterns, counted up under their mask.
            for (var piece = 0L; ; piece = ((piece | ~scattered) + 1) & scattered, at += pieceLength)
            {
                new ReadOnlySpan<T>((T*)data + 2 * layout.Position(first | piece), pieceLength).CopyTo(new Span<T>(at, pieceLength));
                if (piece == scattered) break;
            }
            foreach (var kernel in kernels) kernel.Apply((T*)buffer, flat, chunkBits, parallel: false);
            at = (T*)buffer;
            for (var piece = 0L; ; piece = ((piece | ~scattered) + 1) & scattered, at += pieceLength)
            {
                new ReadOnlySpan<T>(at, pieceLength).CopyTo(new Span<T>((T*)data + 2 * layout.Position(first | piece), pieceLength));
                if (piece == scattered) break;
            }
        }
        var tiles = 1L << (NumQubits - chunkBits);
        System.Threading.Tasks.Parallel.For(0L, tiles, new ParallelOptions { MaxDegreeOfParallelism = Parallel ? Environment.ProcessorCount : 1 },
            () => (nint)NativeMemory.AlignedAlloc(bufferBytes, 64),
            (t, _, buffer) =>
            {
                Tile(t, buffer);
                return buffer;
            },
            buffer => NativeMemory.AlignedFree((void*)buffer));
    }

    /// <summary>The first scalar of a chunk: a chunk never spans a gap (<see cref="ChunkBits"/> ≤ the segment bits).</summary>
    private T* Chunk(long chunk) => _data + 2 * _layout.Position(chunk << ChunkBits);

    private long CheckIndex(long index) =>
        (ulong)index < (ulong)Length ? index : throw new ArgumentOutOfRangeException(nameof(index));

    private void ForEachChunk(Action<long> body)
    {
        var chunks = 1L << (NumQubits - ChunkBits);
        if (!Parallel || NumQubits < BlockSweep.ParallelThresholdQubits)
            for (long c = 0; c < chunks; c++) body(c);
        else
            System.Threading.Tasks.Parallel.For(0L, chunks, body);
    }
}
