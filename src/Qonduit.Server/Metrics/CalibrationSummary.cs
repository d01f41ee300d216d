using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Metrics;

/// <summary>One summarised error distribution of a snapshot: `kind` is 1q, 2q or readout.</summary>
public sealed record ErrorSummary(string Kind, double Median, double P90, double Max);

/// <summary>
/// The error summaries `qonduit_qpu_error_ratio{kind,stat}` exports (not `…_error_summary_ratio`: promtool refuses a
/// metric name containing a type, `_summary_`), read from a snapshot as data. The populations are
/// <see cref="ErrorPopulations"/>'s, as QRMI's load figures and the built-in load indices read them, so 1 − the 2q median is
/// the `qpu_fidelity` placement reads.
/// </summary>
public static class CalibrationSummary
{
    public static IReadOnlyList<ErrorSummary> Of(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. new[] { ("1q", ErrorPopulations.OneQubit(snapshot)), ("2q", ErrorPopulations.TwoQubit(snapshot)), ("readout", ErrorPopulations.Readout(snapshot)) }
            .Select(k => (k.Item1, Sorted: k.Item2.Order().ToArray()))
            .Where(k => k.Sorted.Length > 0)
            .Select(k => new ErrorSummary(k.Item1, ErrorPopulations.Median(k.Sorted)!.Value, NearestRank(k.Sorted, 0.9), k.Sorted[^1]))];
    }

    private static double NearestRank(double[] sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
