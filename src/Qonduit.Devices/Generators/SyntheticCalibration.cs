using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Devices.Generators;

/// <summary>
/// Calibration drawn around medians typical of current superconducting devices (IBM Heron, early 2025): T1 ≈ 200 µs,
/// T2 ≈ 150 µs (never above 2·T1), sx/x error ≈ 2.5e-4, cz error ≈ 3e-3, readout asymmetric (a prepared 1 decays to 0
/// more often than a 0 is read as 1). rz is virtual: zero error and length.
/// </summary>
internal static class SyntheticCalibration
{
    public static readonly ImmutableArray<string> NativeGates = ["cz", "rz", "sx", "x", "id"];
    public const string TwoQubitGate = "cz";
    public const double SingleQubitGateNs = 24;
    public const double TwoQubitGateNs = 68;
    public const double ReadoutNs = 1560;

    private const ulong QubitStream = 1, CouplingStream = 2;

    private static readonly ImmutableSortedDictionary<string, double> Lengths = ImmutableSortedDictionary.CreateRange(
        StringComparer.Ordinal,
        new Dictionary<string, double> { ["id"] = SingleQubitGateNs, ["rz"] = 0, ["sx"] = SingleQubitGateNs, ["x"] = SingleQubitGateNs });

    private static readonly ImmutableSortedDictionary<string, double> NoErrors = Lengths.ToImmutableSortedDictionary(e => e.Key, _ => 0.0, StringComparer.Ordinal);

    public static QubitCalibration Qubit(int index, int seed, bool ideal)
    {
        if (ideal)
        {
            return new QubitCalibration
            {
                Index = index, ReadoutError = 0, ProbMeas0Prep1 = 0, ProbMeas1Prep0 = 0, ReadoutLengthNs = ReadoutNs,
                GateErrors = NoErrors, GateLengthsNs = Lengths,
            };
        }
        var draw = new SeededDraw(seed, QubitStream, (ulong)index);
        var t1 = draw.LogNormal(200, 0.2, 20, 1000);
        var t2 = Math.Min(draw.LogNormal(150, 0.35, 10, 1000), 2 * t1);
        var sx = draw.LogNormal(2.5e-4, 0.5, 1e-5, 1e-2);
        var p1Given0 = draw.LogNormal(6e-3, 0.5, 1e-4, 0.2);
        var p0Given1 = draw.LogNormal(1.5e-2, 0.5, 1e-4, 0.2);
        return new QubitCalibration
        {
            Index = index,
            T1Us = t1,
            T2Us = t2,
            ReadoutError = SeededDraw.Round4((p0Given1 + p1Given0) / 2),
            ProbMeas0Prep1 = p0Given1,
            ProbMeas1Prep0 = p1Given0,
            ReadoutLengthNs = ReadoutNs,
            GateErrors = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, double>
            {
                ["id"] = sx, ["rz"] = 0, ["sx"] = sx, ["x"] = sx,
            }),
            GateLengthsNs = Lengths,
        };
    }

    /// <summary>Both directions of a coupling share one draw: they are the same physical interaction.</summary>
    public static double CouplingError(int a, int b, int seed, bool ideal)
    {
        if (ideal) return 0;
        var (low, high) = a < b ? (a, b) : (b, a);
        var draw = new SeededDraw(seed, CouplingStream, ((ulong)(uint)low << 32) | (uint)high);
        return draw.LogNormal(3e-3, 0.5, 5e-4, 5e-2);
    }
}
