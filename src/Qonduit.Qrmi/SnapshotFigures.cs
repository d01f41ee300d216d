using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi;

/// <summary>The calibration figures of <see cref="ResourceMetrics"/>, read from a snapshot as data.</summary>
public static class SnapshotFigures
{
    public static ResourceMetrics Metrics(DeviceSnapshot snapshot, DateTimeOffset now, int queueDepth, int lanes, int lanesInUse)
    {
        var online = snapshot.Qubits.Where(q => q.Status == QubitStatus.Online).ToList();
        var oneQubit = online.Select(q => q.GateErrors.Count == 0 ? (double?)null : Median(q.GateErrors.Values));
        var couplers = snapshot.Couplers.Where(c => c.Status == CouplerStatus.Available).Select(c => (double?)c.Error);
        return new ResourceMetrics(
            queueDepth,
            lanes,
            lanesInUse,
            snapshot.CreatedAt == default ? TimeSpan.Zero : now - snapshot.CreatedAt,
            Median(oneQubit),
            Median(couplers),
            Median(online.Select(q => q.ReadoutError)));
    }

    public static int OnlineQubits(DeviceSnapshot snapshot) => snapshot.Qubits.Count(q => q.Status == QubitStatus.Online);

    private static double? Median(IEnumerable<double?> values) => Median(values.OfType<double>());

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
