using System.Collections.Immutable;

namespace Qonduit.Devices.Snapshots;

/// <summary>
/// The noiseless twin of a device: same qubits, couplers (with their direction and status), native gates and gate
/// lengths, every error zero and no T1/T2 (so no relaxation). Simulating a circuit on both isolates the device's noise.
/// Statuses are kept so that a circuit admissible on one is admissible on the other.
/// </summary>
public static class IdealTwin
{
    public const string NameSuffix = "-ideal";

    public static DeviceSnapshot Of(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot with
        {
            Device = snapshot.Device.EndsWith(NameSuffix, StringComparison.Ordinal) ? snapshot.Device : snapshot.Device + NameSuffix,
            Source = $"ideal twin of {snapshot.Device} ({snapshot.Source})",
            Qubits = [.. snapshot.Qubits.Select(Ideal)],
            Couplers = [.. snapshot.Couplers.Select(c => c with { Error = 0 })],
        };
    }

    private static QubitCalibration Ideal(QubitCalibration q) => q with
    {
        T1Us = null,
        T2Us = null,
        ReadoutError = 0,
        ProbMeas0Prep1 = 0,
        ProbMeas1Prep0 = 0,
        GateErrors = q.GateErrors.ToImmutableSortedDictionary(e => e.Key, _ => 0.0, q.GateErrors.KeyComparer),
    };
}
