using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi;

/// <summary>The calibration figures of <see cref="ResourceMetrics"/>, read from a snapshot as data.</summary>
public static class SnapshotFigures
{
    public static ResourceMetrics Metrics(DeviceSnapshot snapshot, DateTimeOffset now, int queueDepth, int lanes, int lanesInUse) =>
        new(
            queueDepth,
            lanes,
            lanesInUse,
            snapshot.CreatedAt == default ? TimeSpan.Zero : now - snapshot.CreatedAt,
            ErrorPopulations.Median(ErrorPopulations.OneQubit(snapshot)),
            ErrorPopulations.Median(ErrorPopulations.TwoQubit(snapshot)),
            ErrorPopulations.Median(ErrorPopulations.Readout(snapshot)));

    public static int OnlineQubits(DeviceSnapshot snapshot) => snapshot.Qubits.Count(q => q.Status == QubitStatus.Online);
}
