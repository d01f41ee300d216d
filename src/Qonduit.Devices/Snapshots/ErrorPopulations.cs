namespace Qonduit.Devices.Snapshots;

/// <summary>
/// The error populations a device's figures are summarised from — QRMI's load figures, the Prometheus error summaries,
/// the built-in load indices — taken one way, so that "1 − the median two-qubit error" is one number everywhere:
/// online qubits, available couplers, and a qubit's one-qubit error as the median of its gate errors.
/// </summary>
public static class ErrorPopulations
{
    /// <summary>Each online qubit's one-qubit error: the median of its gate errors (qubits reporting none left out).</summary>
    public static IEnumerable<double> OneQubit(DeviceSnapshot snapshot) =>
        Online(snapshot).Where(q => q.GateErrors.Count > 0).Select(q => Median(q.GateErrors.Values)!.Value);

    /// <summary>Each available coupler's two-qubit gate error.</summary>
    public static IEnumerable<double> TwoQubit(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Couplers.Where(c => c.Status == CouplerStatus.Available).Select(c => c.Error);
    }

    /// <summary>Each online qubit's readout error, where reported.</summary>
    public static IEnumerable<double> Readout(DeviceSnapshot snapshot) => Online(snapshot).Select(q => q.ReadoutError).OfType<double>();

    /// <summary>The median (the mean of the middle two for an even count); null for no values.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static IEnumerable<QubitCalibration> Online(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Qubits.Where(q => q.Status == QubitStatus.Online);
    }
}
