using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qonduit.Simulation.State;

/// <summary>
/// Where amplitude i sits in memory: in segments of 2^<see cref="SegmentBits"/> amplitudes, each followed by a gap of
/// <see cref="GapAmplitudes"/>. The gap is there because the reference machine (AMD EPYC, 2 cores) slows an in-place
/// pass whose load and store streams are a multiple of 256 MiB apart to a quarter of its bandwidth: measured with a
/// plain C loop, one thread updating pairs 256 MiB apart ran at 10.7 GB/s, 128 MiB apart at 48 GB/s, and 256 MiB
/// + 8 KiB apart at 52 GB/s. A gate on one of the highest qubits of a state of 512 MiB or more pairs exactly such
/// streams; 4 KiB after every 128 MiB moves every partner at least 8 KiB off the multiple.
/// Positions are additive over disjoint index bits, so a kernel's offset for target bits is a constant.
/// </summary>
internal readonly record struct StateLayout(int SegmentBits, int GapAmplitudes)
{
    private const int SegmentBytesLog2 = 27;
    private const int GapBytes = 4096;

    public static StateLayout For<T>() where T : unmanaged
    {
        var amplitudeBytes = 2 * Unsafe.SizeOf<T>();
        return new StateLayout(SegmentBytesLog2 - BitOperations.Log2((uint)amplitudeBytes), GapBytes / amplitudeBytes);
    }

    /// <summary>The amplitude slot (in units of one complex amplitude) that holds amplitude <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Position(long index) => index + (index >> SegmentBits) * GapAmplitudes;

    /// <summary>Amplitude slots a state of 2^n amplitudes occupies, gaps included.</summary>
    public long Extent(int numQubits) => Position((1L << numQubits) - 1) + 1;
}
