using Qonduit.Devices.Snapshots;
using Qonduit.Server.Placement;

namespace Qonduit.Server.Tasks;

/// <summary>
/// A classical command task (docs/architecture.md "Command tasks"): the name of a command some agent's operator declared,
/// with args and stdin, placed by its requirement on a pool whose live agent declares that command. It has no circuit,
/// device or shots: it is stored under the reserved device name <see cref="Device"/> (no device may be registered under
/// it) with an empty circuit and 0 shots, and a claim binds the placeholder snapshot <see cref="Bound"/> makes, so the
/// claim answer keeps its shape and only gains the command.
/// </summary>
public static class CommandTasks
{
    public const string Device = "command";

    public const int Version = 1;

    /// <summary>The dialect stored for a command task: any known one; nothing parses its empty circuit.</summary>
    public const string Dialect = "openqasm3";

    /// <summary>
    /// Refuses what a command task may not carry (400 <see cref="ErrorCodes.Command.MixedFields"/>: every field that
    /// applies to a circuit) and a command that breaks a bound (400 <see cref="ErrorCodes.Command.Invalid"/>).
    /// </summary>
    public static void CheckShape(SubmitTaskRequest request)
    {
        var command = request.Command!;
        var mixed = new (string Name, bool Given)[]
        {
            ("circuit", request.Circuit is not null), ("device", request.Device is not null), ("dialect", request.Dialect is not null),
            ("shots", request.Shots is not null), ("snapshotVersion", request.SnapshotVersion is not null), ("transpile", request.Transpile is not null),
            ("trajectories", request.Trajectories is not null), ("noise", request.Noise is not null), ("parameters", request.Parameters is not null),
            ("seed", request.Seed is not null), ("leaseToken", request.LeaseToken is not null),
        }.Where(f => f.Given).Select(f => f.Name).ToList();
        if (mixed.Count > 0)
            throw TaskAdmission.Refuse(ErrorCodes.Command.MixedFields,
                $"a command task runs no circuit, so it takes no {string.Join(", ", mixed)}",
                new Dictionary<string, object?> { ["fields"] = mixed });
        if (command.Problem() is { } problem) throw TaskAdmission.Refuse(ErrorCodes.Command.Invalid, problem);
    }

    /// <summary>A placeholder snapshot, one qubit without calibration: the claim answer's shape wants one, the runner reads none.</summary>
    public static DeviceVersion Bound()
    {
        var snapshot = new DeviceSnapshot
        {
            Device = Device,
            Version = Version,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Source = "command task: no device",
            NativeGates = [],
            Qubits = [new QubitCalibration { Index = 0 }],
            Couplers = [],
        };
        return new DeviceVersion(Device, Version, snapshot.CreatedAt, snapshot.Source, SnapshotHash.Compute(snapshot), snapshot.NumQubits,
            SnapshotJson.Serialize(snapshot, indented: false));
    }

    /// <summary>Whether a lane may run the task: any lane for a circuit; for a command, a pool some live agent of which declares it.</summary>
    public static bool Offers(PlacementLane lane, TaskRecord task) =>
        task.Command is not { } command || (!lane.IsQpu && lane.Commands?.Contains(command.Name!) == true);
}
