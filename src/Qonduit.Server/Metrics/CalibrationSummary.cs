using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Metrics;

/// <summary>One summarised error distribution of a snapshot: `kind` is 1q, 2q or readout.</summary>
public sealed record ErrorSummary(string Kind, double Median, double P90, double Max);

/// <summary>
/// The error summaries `qonduit_qpu_error_ratio{kind,stat}` exports (not `…_error_summary_ratio`: promtool refuses a
/// metric name containing a type, `_summary_`), read from a snapshot as data. The populations are
/// the ones the QRMI load figures use (online qubits, available couplers; a qubit's 1q error is the median of its gate
/// errors), so 1 − the 2q median is the `qpu_fidelity` placement reads.
/// </summary>
public static class CalibrationSummary
{
    public static IReadOnlyList<ErrorSummary> Of(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var online = snapshot.Qubits.Where(q => q.Status == QubitStatus.Online).ToArray();
        var oneQubit = online.Where(q => q.GateErrors.Count > 0).Select(q => Median(Sorted(q.GateErrors.Values)));
        var twoQubit = snapshot.Couplers.Where(c => c.Status == CouplerStatus.Available).Select(c => c.Error);
        var readout = online.Select(q => q.ReadoutError).OfType<double>();
        return [.. new[] { ("1q", oneQubit), ("2q", twoQubit), ("readout", readout) }
            .Select(k => (k.Item1, Sorted: Sorted(k.Item2)))
            .Where(k => k.Sorted.Length > 0)
            .Select(k => new ErrorSummary(k.Item1, Median(k.Sorted), NearestRank(k.Sorted, 0.9), k.Sorted[^1]))];
    }

    private static double[] Sorted(IEnumerable<double> values) => [.. values.Order()];

    private static double Median(double[] sorted)
    {
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double NearestRank(double[] sorted, double quantile) => sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
}
