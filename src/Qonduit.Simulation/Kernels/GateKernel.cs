using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Kernels;

/// <summary>
/// A matrix compiled once for repeated application: the kernel is chosen from its structure and where its targets
/// sit relative to the vector lanes, and its coefficients are laid out as lane vectors in pinned memory.
/// </summary>
[SkipLocalsInit]
internal sealed unsafe class GateKernel<T> where T : unmanaged
{
    private enum Kind { Single, SingleLane, Diagonal, Move, Factored, Dense }

    private readonly Kind _kind;
    private readonly int[] _targets;
    private readonly Complex[] _matrix;
    private readonly int[] _highTargets;
    private readonly AlignedVectors<T> _coefficients = AlignedVectors<T>.Empty;
    private readonly int _streams;
    private readonly int[] _laneMasks;
    private readonly int[] _sources = [];
    private readonly int[] _storeStreams = [];
    private readonly int[] _updateBits = [];

    public GateKernel(ReadOnlySpan<int> targets, ReadOnlySpan<Complex> matrix, GateStructure structure, BlockFactors? factors = null)
    {
        _targets = targets.ToArray();
        _matrix = matrix.ToArray();
        var laneBits = SimdOps<T>.LaneBits;
        _highTargets = [.. _targets.Where(t => t >= laneBits).Order()];
        var lowTargets = _targets.Where(t => t < laneBits).Order().ToArray();
        _streams = 1 << _highTargets.Length;
        _laneMasks = GC.AllocateArray<int>(1 << lowTargets.Length, pinned: true);
        for (var d = 0; d < _laneMasks.Length; d++)
            for (var i = 0; i < lowTargets.Length; i++)
                if ((d >> i & 1) != 0) _laneMasks[d] |= 1 << lowTargets[i];

        if (structure == GateStructure.Diagonal)
        {
            _kind = Kind.Diagonal;
            _coefficients = Pinned(2 * _streams);
            for (var h = 0; h < _streams; h++)
                SetLanes(2 * h, lane => Entry(Row(h, lane), Row(h, lane)));
        }
        else if (structure == GateStructure.Permutation && lowTargets.Length == 0 && matrix.ToArray().All(c => c == Complex.Zero || c == Complex.One))
        {
            _kind = Kind.Move;
            _sources = GC.AllocateArray<int>(_streams, pinned: true);
            for (var hOut = 0; hOut < _streams; hOut++)
                for (var hIn = 0; hIn < _streams; hIn++)
                    if (Entry(Row(hOut, 0), Row(hIn, 0)) == Complex.One) _sources[hOut] = hIn;
        }
        else if (_targets.Length == 1 && lowTargets.Length == 0)
        {
            _kind = Kind.Single;
            _coefficients = Pinned(8);
            for (var e = 0; e < 4; e++) SetLanes(2 * e, _ => _matrix[e]);
        }
        else if (_targets.Length == 1)
        {
            // Dense layout with one stream and two inputs (the lane itself, its partner): exactly SingleLaneOperator's.
            _kind = Kind.SingleLane;
            _coefficients = Pinned(4);
            SetLanes(0, lane => Entry(Row(0, lane), Row(0, lane)));
            SetLanes(2, lane => Entry(Row(0, lane), Row(0, lane ^ _laneMasks[1])));
        }
        else if (factors is not null && _targets.Length == 3 && lowTargets.Length == 0 && factors.IsCheaperThanDense(3))
        {
            _kind = Kind.Factored;
            _coefficients = Pinned(8 * factors.Updates.Count);
            (_sources, _storeStreams, _updateBits) = RegisterProgram(factors);
        }
        else
        {
            _kind = Kind.Dense;
            var inputs = _streams * _laneMasks.Length;
            _coefficients = Pinned(2 * _streams * inputs);
            for (var hOut = 0; hOut < _streams; hOut++)
                for (var hIn = 0; hIn < _streams; hIn++)
                    for (var d = 0; d < _laneMasks.Length; d++)
                    {
                        var (row, input, mask) = (hOut, hIn, _laneMasks[d]);
                        SetBroadcastLanes(2 * (hOut * inputs + hIn * _laneMasks.Length + d), lane => Entry(Row(row, lane), Row(input, lane ^ mask)));
                    }
        }
    }

    public void Apply(T* state, StateLayout layout, int numQubits, bool parallel)
    {
        if (!SimdOps<T>.IsAccelerated || numQubits < SimdOps<T>.LaneBits)
        {
            ScalarKernels.Apply(state, layout, numQubits, _targets, _matrix);
            return;
        }
        var c = _coefficients.Pointer;
        // Scalars from a block's first vector to the vector of each high-target pattern: they depend on the layout's gaps.
        var offsets = stackalloc int[_streams];
        for (var h = 0; h < _streams; h++)
        {
            long index = 0;
            for (var i = 0; i < _highTargets.Length; i++)
                if ((h >> i & 1) != 0) index |= 1L << _highTargets[i];
            offsets[h] = checked((int)(2 * layout.Position(index)));
        }
        fixed (int* masks = _laneMasks, sources = _sources)
        {
            switch (_kind)
            {
                case Kind.Single:
                    BlockSweep.Run(state, layout, numQubits, _highTargets, new SingleQubitOperator<T>(c, offsets[1]), parallel);
                    break;
                case Kind.SingleLane:
                    BlockSweep.Run(state, layout, numQubits, _highTargets, new SingleLaneOperator<T>(c, masks[1]), parallel);
                    break;
                case Kind.Diagonal:
                    BlockSweep.Run(state, layout, numQubits, _highTargets, new DiagonalOperator<T>(c, offsets, _streams), parallel);
                    break;
                case Kind.Move:
                    BlockSweep.Run(state, layout, numQubits, _highTargets, new MoveOperator<T>(offsets, sources, _streams), parallel);
                    break;
                case Kind.Factored:
                    var loads = stackalloc int[_streams];
                    var stores = stackalloc int[_streams];
                    for (var r = 0; r < _streams; r++) (loads[r], stores[r]) = (offsets[_sources[r]], offsets[_storeStreams[r]]);
                    fixed (int* bits = _updateBits)
                        BlockSweep.Run(state, layout, numQubits, _highTargets, new FactoredOperator<T>(c, loads, stores, bits, _updateBits.Length), parallel);
                    break;
                default:
                    if (_targets.Length == 2)
                        BlockSweep.Run(state, layout, numQubits, _highTargets, new Dense2Operator<T>(c, offsets, _laneMasks.Length, masks), parallel);
                    else if (_targets.Length == 3)
                        BlockSweep.Run(state, layout, numQubits, _highTargets, new Dense3Operator<T>(c, offsets, _laneMasks.Length, masks), parallel);
                    else
                        BlockSweep.Run(state, layout, numQubits, _highTargets, new DenseOperator<T>(c, offsets, _streams, masks, _laneMasks.Length), parallel);
                    break;
            }
        }
    }

    /// <summary>
    /// Resolves the factors' permutations into the stream each register is loaded from and the stream it is stored to
    /// (register r holds amplitude r of the block between the leading and trailing permutations), lists each update's
    /// register bit and sets its coefficients.
    /// </summary>
    private (int[] LoadStreams, int[] StoreStreams, int[] Bits) RegisterProgram(BlockFactors factors)
    {
        var bitOf = _targets.Select(t => Array.IndexOf(_highTargets, t)).ToArray();
        var loads = Permute(Enumerable.Range(0, _streams).ToArray(), factors.Leading, bitOf);
        var trailing = Permute(Enumerable.Range(0, _streams).ToArray(), factors.Trailing, bitOf);
        var stores = new int[_streams];
        for (var h = 0; h < _streams; h++) stores[trailing[h]] = h;
        var bits = new int[factors.Updates.Count];
        for (var u = 0; u < bits.Length; u++)
        {
            var update = factors.Updates[u];
            bits[u] = bitOf[update.Positions[0]];
            for (var e = 0; e < 4; e++) SetLanes(8 * u + 2 * e, _ => update.Matrix[e]);
        }
        return (loads, stores, bits);
    }

    /// <summary>Where each amplitude came from after <paramref name="permutations"/>: entry i of the result is the entry of <paramref name="holder"/> that index i received.</summary>
    private int[] Permute(int[] holder, IReadOnlyList<BlockFactor> permutations, int[] bitOf)
    {
        foreach (var step in permutations)
        {
            var bits = step.Positions.Select(p => bitOf[p]).ToArray();
            var moved = new int[_streams];
            for (var h = 0; h < _streams; h++)
            {
                var column = 0;
                for (var j = 0; j < bits.Length; j++) column |= (h >> bits[j] & 1) << j;
                var row = 0;
                while (step.Matrix[(row << bits.Length) + column] != Complex.One) row++;
                var to = h;
                for (var j = 0; j < bits.Length; j++) to = (to & ~(1 << bits[j])) | (row >> j & 1) << bits[j];
                moved[to] = holder[h];
            }
            holder = moved;
        }
        return holder;
    }

    /// <summary>The matrix index of the amplitude at high-target pattern h and lane ℓ (bit j = the j-th target's bit).</summary>
    private int Row(int h, int lane)
    {
        var index = 0;
        for (var j = 0; j < _targets.Length; j++)
        {
            var t = _targets[j];
            var bit = t < SimdOps<T>.LaneBits ? lane >> t & 1 : h >> Array.IndexOf(_highTargets, t) & 1;
            index |= bit << j;
        }
        return index;
    }

    private Complex Entry(int row, int column) => _matrix[(row << _targets.Length) + column];

    private static AlignedVectors<T> Pinned(int length) => new(length);

    /// <summary>The dense layout: (re, re, ...) and (im, im, ...) of each lane's entry (see <see cref="Dense3Operator{T}"/>).</summary>
    private void SetBroadcastLanes(int at, Func<int, Complex> entryOfLane)
    {
        var re = new T[SimdOps<T>.Width];
        var im = new T[SimdOps<T>.Width];
        for (var lane = 0; lane < SimdOps<T>.Lanes; lane++)
        {
            var entry = entryOfLane(lane);
            re[2 * lane] = re[2 * lane + 1] = SimdOps<T>.FromDouble(entry.Real);
            im[2 * lane] = im[2 * lane + 1] = SimdOps<T>.FromDouble(entry.Imaginary);
        }
        _coefficients[at] = Vector256.Create<T>(re);
        _coefficients[at + 1] = Vector256.Create<T>(im);
    }

    private void SetLanes(int at, Func<int, Complex> entryOfLane)
    {
        var re = new T[SimdOps<T>.Width];
        var im = new T[SimdOps<T>.Width];
        for (var lane = 0; lane < SimdOps<T>.Lanes; lane++)
        {
            var entry = entryOfLane(lane);
            re[2 * lane] = re[2 * lane + 1] = SimdOps<T>.FromDouble(entry.Real);
            im[2 * lane] = SimdOps<T>.FromDouble(-entry.Imaginary);
            im[2 * lane + 1] = SimdOps<T>.FromDouble(entry.Imaginary);
        }
        _coefficients[at] = Vector256.Create<T>(re);
        _coefficients[at + 1] = Vector256.Create<T>(im);
    }
}
