using System.Numerics;
using System.Runtime.CompilerServices;

namespace Qonduit.Simulation.State;

/// <summary>
/// Where amplitude i sits in memory: in segments of 2^<see cref="SegmentBits"/> amplitudes, each followed by a gap of
/// <see cref="GapAmplitudes"/>. The gap is there because the reference machine (AMD EPYC, 2 cores) slows an in-place
/// pass whose load and store streams sit at some distances to a quarter of its bandwidth. Measured with a plain C loop,
/// two threads updating pairs of doubles (GB/s read + written): 128 MiB apart 53–65, 128 MiB + 4 KiB 17, 128 MiB + 8 KiB
/// 50; 256 MiB 14, 256 MiB + 16 KiB 56; 512 MiB 12, 512 MiB + 32 KiB 57; 1 GiB 12, 1 GiB + 64 KiB 50. A gate on one of
/// the highest qubits pairs streams 2^k·128 MiB apart, which 8 KiB after every 128 MiB moves to 2^k·(128 MiB + 8 KiB).
/// Positions are additive over disjoint index bits, so a kernel's offset for target bits is a constant.
/// </summary>
internal readonly record struct StateLayout(int SegmentBits, int GapAmplitudes)
{
    private const int SegmentBytesLog2 = 27;
    private const int GapBytes = 8192;

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
