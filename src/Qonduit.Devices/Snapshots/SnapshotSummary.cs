using Qonduit.Devices.Topology;

namespace Qonduit.Devices.Snapshots;

/// <summary>Median and worst value of one calibration quantity over the qubits or couplers that report it.</summary>
public sealed record CalibrationStatistic(string Name, string Unit, int Count, double Median, double Worst);

/// <summary>What an operator wants at a glance from a snapshot (`qonduit devices show`).</summary>
public sealed record SnapshotSummary(
    string Device,
    int Version,
    string Source,
    int Qubits,
    int DirectedCouplers,
    int CoupledPairs,
    int MaxDegree,
    bool Connected,
    IReadOnlyList<string> NativeGates,
    IReadOnlyList<int> OfflineQubits,
    IReadOnlyList<(int Control, int Target)> UnavailableCouplers,
    IReadOnlyList<CalibrationStatistic> Statistics)
{
    public static SnapshotSummary Of(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var topology = DeviceTopology.From(snapshot);
        var online = snapshot.Qubits.Where(q => q.Status == QubitStatus.Online).ToArray();
        var available = snapshot.Couplers.Where(c => c.Status == CouplerStatus.Available).ToArray();
        var statistics = new List<CalibrationStatistic?>
        {
            Stat("T1", "µs", online.Select(q => q.T1Us), higherIsBetter: true),
            Stat("T2", "µs", online.Select(q => q.T2Us), higherIsBetter: true),
            Stat("readout error", "", online.Select(q => q.ReadoutError), higherIsBetter: false),
        };
        foreach (var gate in online.SelectMany(q => q.GateErrors.Keys).Distinct().Order(StringComparer.Ordinal))
            statistics.Add(Stat($"{gate} error", "", online.Select(q => q.GateErrors.TryGetValue(gate, out var e) ? e : (double?)null), higherIsBetter: false));
        foreach (var gate in available.Select(c => c.Gate).Distinct().Order(StringComparer.Ordinal))
            statistics.Add(Stat($"{gate} error (couplers)", "", available.Where(c => c.Gate == gate).Select(c => (double?)c.Error), higherIsBetter: false));
        return new SnapshotSummary(
            snapshot.Device, snapshot.Version, snapshot.Source, snapshot.NumQubits, snapshot.Couplers.Length, topology.EdgeCount,
            topology.MaxDegree, topology.IsConnected, snapshot.NativeGates,
            [.. snapshot.Qubits.Where(q => q.Status != QubitStatus.Online).Select(q => q.Index)],
            [.. snapshot.Couplers.Where(c => c.Status != CouplerStatus.Available).Select(c => (c.Control, c.Target))],
            [.. statistics.OfType<CalibrationStatistic>()]);
    }

    private static CalibrationStatistic? Stat(string name, string unit, IEnumerable<double?> values, bool higherIsBetter)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        if (sorted.Length == 0) return null;
        return new CalibrationStatistic(name, unit, sorted.Length, ErrorPopulations.Median(sorted)!.Value, higherIsBetter ? sorted[0] : sorted[^1]);
    }
}
