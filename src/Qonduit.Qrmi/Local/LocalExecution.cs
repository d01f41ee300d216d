using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation;
using Qonduit.Transpiler;

namespace Qonduit.Qrmi.Local;

/// <summary>A task parsed up front, so a bad circuit is refused by TaskStart rather than failing later.</summary>
internal sealed record PreparedTask(Circuit Circuit, int Shots, ulong? Seed, int? Trajectories);

/// <summary>
/// Runs a local task on the simulator with the device's snapshot (and so its noise). A circuit admissible on the
/// device runs as written; any other is first transpiled onto it, as the runner does with its transpile option, so a
/// laptop user can send `h`/`cx` circuits to an IBM-shaped device.
/// </summary>
internal static class LocalExecution
{
    public static PreparedTask Prepare(TaskPayload payload, DeviceSnapshot snapshot)
    {
        if (payload.Shots < 1 || payload.Shots > snapshot.MaxShots)
            throw new QrmiException(ErrorCodes.Qrmi.InvalidShots, $"shots must be between 1 and {snapshot.MaxShots} for '{snapshot.Device}', got {payload.Shots}");
        if (payload.Trajectories < 1)
            throw new QrmiException(ErrorCodes.Qrmi.InvalidTrajectories, $"a trajectory budget must be at least 1, got {payload.Trajectories}");
        var circuit = QasmParser.Parse(payload.Circuit, "<task>");
        if (circuit.IsParameterized)
            throw new QrmiException(ErrorCodes.Qrmi.UnboundParameters,
                $"the circuit's inputs {string.Join(", ", circuit.InputParameters)} have no values; bind them first (the primitives do)");
        if (circuit.NumQubits > snapshot.NumQubits)
            throw new QrmiException(ErrorCodes.Qrmi.TooManyQubits, $"the circuit uses {circuit.NumQubits} qubits; '{snapshot.Device}' has {snapshot.NumQubits}");
        if (!Admissibility.Check(circuit, snapshot).IsAdmissible)
            circuit = Transpiler.Transpiler.Run(circuit, snapshot, new TranspileOptions(Seed: unchecked((int)(payload.Seed ?? 0)))).Circuit;
        return new PreparedTask(circuit, payload.Shots, payload.Seed, payload.Trajectories);
    }

    public static TaskResult Run(string taskId, PreparedTask task, DeviceSnapshot snapshot)
    {
        var result = Simulator.Run(task.Circuit, snapshot, new SimulationOptions { Shots = task.Shots, Seed = task.Seed, Trajectories = task.Trajectories });
        var counts = (result.Counts ?? new Dictionary<string, int>()).ToDictionary(c => c.Key, c => (long)c.Value, StringComparer.Ordinal);
        return new TaskResult(taskId, result.Shots, result.Seed, counts, snapshot.Version);
    }
}
