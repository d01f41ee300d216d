using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.State;

namespace Qonduit.Server.Tasks;

/// <summary>
/// A task with a requirement and no device (docs/orchestration.md "Requirement at submission"): its circuit runs as
/// written and noiselessly on a simulator pool. It is stored under the reserved device name <see cref="Device"/>, which
/// no registered device may take, and bound at claim to the snapshot <see cref="Bound"/> makes for it: the circuit's
/// qubits with no calibration and no couplers, so the runner's noise model is empty, as `qonduit run --ideal`'s is.
/// </summary>
public static class IdealSimulation
{
    public const string Device = "ideal";

    /// <summary>The one version of the made snapshot: admission and claim both name it.</summary>
    public const int Version = 1;

    /// <summary>What the state-vector engine holds (<see cref="StateVectorLimits.MaxQubits"/>); memory is the agent's to check.</summary>
    public const int MaxQubits = StateVectorLimits.MaxQubits;

    /// <summary>The bound every snapshot has unless it says otherwise (<see cref="DeviceSnapshot.MaxShots"/>'s default).</summary>
    public static int MaxShots { get; } = Snapshot(1).MaxShots;

    public static DeviceSnapshot Snapshot(int numQubits) => new()
    {
        Device = Device,
        Version = Version,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Source = "ideal simulation: no device, no noise, the circuit as written",
        NativeGates = [],
        // A snapshot has at least one qubit, though a circuit may use none.
        Qubits = [.. Enumerable.Range(0, Math.Max(1, numQubits)).Select(i => new QubitCalibration { Index = i })],
        Couplers = [],
    };

    /// <summary>The snapshot a claim binds for a task of <paramref name="numQubits"/> qubits, as a stored device version.</summary>
    public static DeviceVersion Bound(int numQubits)
    {
        var snapshot = Snapshot(numQubits);
        return new DeviceVersion(Device, Version, snapshot.CreatedAt, snapshot.Source, SnapshotHash.Compute(snapshot), snapshot.NumQubits,
            SnapshotJson.Serialize(snapshot, indented: false));
    }
}
