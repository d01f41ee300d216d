using System.Globalization;
using Prometheus;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Devices;
using static Qonduit.Server.Metrics.ScrapedGauge;

namespace Qonduit.Server.Metrics;

/// <summary>
/// The `qonduit_qpu_*` families read at scrape time from the current snapshot of every registered device, one family
/// per calibration field in base units (docs/orchestration.md "QPU telemetry"), so they follow calibration updates.
/// Cost is linear in qubits and couplers (ibm_fez: about 2,000 series).
/// </summary>
internal sealed class QpuTelemetry(IMetricFactory factory)
{
    private const double PerMicrosecond = 1e-6;
    private const double PerNanosecond = 1e-9;

    private readonly ScrapedGauge _info = new(factory, "qonduit_qpu_info", "Registered device: its source kind, qubit count and current snapshot version.",
        "device", "backend", "num_qubits", "snapshot");
    private readonly ScrapedGauge _up = new(factory, "qonduit_qpu_up", "1 when the device's current snapshot has an online qubit.", "device");
    private readonly ScrapedGauge _queueDepth = new(factory, "qonduit_qpu_queue_depth", "Tasks queued for the device.", "device");
    private readonly ScrapedGauge _t1 = new(factory, "qonduit_qpu_qubit_t1_seconds", "Qubit energy relaxation time T1.", "device", "qubit");
    private readonly ScrapedGauge _t2 = new(factory, "qonduit_qpu_qubit_t2_seconds", "Qubit dephasing time T2.", "device", "qubit");
    private readonly ScrapedGauge _readout = new(factory, "qonduit_qpu_qubit_readout_error_ratio", "Qubit readout assignment error.", "device", "qubit");
    private readonly ScrapedGauge _gateError = new(factory, "qonduit_qpu_gate_error_ratio",
        "Gate error on one qubit (qubits=\"3\") or a directed coupler (qubits=\"3_4\", control_target).", "device", "gate", "qubits");
    private readonly ScrapedGauge _gateDuration = new(factory, "qonduit_qpu_gate_duration_seconds",
        "Gate duration on one qubit or a directed coupler.", "device", "gate", "qubits");
    private readonly ScrapedGauge _summary = new(factory, "qonduit_qpu_error_ratio",
        "Error summaries over online qubits and available couplers: kind 1q, 2q or readout; stat median, p90 or max.", "device", "kind", "stat");
    private readonly ScrapedGauge _calibration = new(factory, "qonduit_qpu_calibration_timestamp_seconds",
        "Unix time the current snapshot was registered; calibration age is time() minus this.", "device");

    public void Publish(DeviceRegistry devices, StoreStatistics statistics)
    {
        var current = devices.List().Select(d => devices.Current(d.Device)).OfType<LoadedDevice>().ToArray();
        _info.Publish(current.Select(d => Series(1, d.Snapshot.Device, BackendOf(d.Snapshot), Text(d.Snapshot.NumQubits), Text(d.Stored.Version))));
        _up.Publish(current.Select(d => Series(d.Snapshot.Qubits.Any(q => q.Status == QubitStatus.Online) ? 1 : 0, d.Snapshot.Device)));
        _queueDepth.Publish(current.Select(d => Series(statistics.QueueDepthByDevice.GetValueOrDefault(d.Snapshot.Device), d.Snapshot.Device)));
        _t1.Publish(PerQubit(current, q => q.T1Us * PerMicrosecond));
        _t2.Publish(PerQubit(current, q => q.T2Us * PerMicrosecond));
        _readout.Publish(PerQubit(current, q => q.ReadoutError));
        _gateError.Publish(Gates(current, q => q.GateErrors, c => c.Error));
        _gateDuration.Publish(Gates(current, q => q.GateLengthsNs, c => c.GateLengthNs).Select(g => (g.Labels, g.Value * PerNanosecond)));
        _summary.Publish(current.SelectMany(d => CalibrationSummary.Of(d.Snapshot).SelectMany(s => new[]
        {
            Series(s.Median, d.Snapshot.Device, s.Kind, "median"), Series(s.P90, d.Snapshot.Device, s.Kind, "p90"), Series(s.Max, d.Snapshot.Device, s.Kind, "max"),
        })));
        _calibration.Publish(current.Select(d => Series(d.Snapshot.CreatedAt.ToUnixTimeMilliseconds() / 1000.0, d.Snapshot.Device)));
    }

    private static IEnumerable<(string[], double)> PerQubit(IEnumerable<LoadedDevice> devices, Func<QubitCalibration, double?> value) =>
        from d in devices
        from q in d.Snapshot.Qubits
        let v = value(q)
        where v is not null
        select Series(v.Value, d.Snapshot.Device, Text(q.Index));

    /// <summary>One series per (gate, qubits): a coupler listed twice with the same gate keeps its last figure.</summary>
    private static IEnumerable<(string[] Labels, double Value)> Gates(
        IEnumerable<LoadedDevice> devices, Func<QubitCalibration, IReadOnlyDictionary<string, double>> perQubit, Func<Coupler, double?> perCoupler)
    {
        foreach (var d in devices)
        {
            var series = new Dictionary<(string Gate, string Qubits), double>();
            foreach (var q in d.Snapshot.Qubits)
                foreach (var (gate, value) in perQubit(q)) series[(gate, Text(q.Index))] = value;
            foreach (var c in d.Snapshot.Couplers)
                if (perCoupler(c) is { } value) series[(c.Gate, $"{Text(c.Control)}_{Text(c.Target)}")] = value;
            foreach (var ((gate, qubits), value) in series) yield return Series(value, d.Snapshot.Device, gate, qubits);
        }
    }

    /// <summary>The kind of source the snapshot came from (`ibm-properties`, `generated`, …), without its date.</summary>
    private static string BackendOf(DeviceSnapshot snapshot) => snapshot.Source.Split(' ', 2)[0] is { Length: > 0 } kind ? kind : "unknown";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
