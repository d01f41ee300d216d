using Qonduit.Circuits.Qasm;
using Qonduit.Server.Devices;

namespace Qonduit.Server.Placement;

/// <summary>
/// Whether a queued requirement task's circuit may run on a QPU's current snapshot, asked at claim for each QPU the
/// requirement could choose: admission found the circuit admissible on some candidate, not on each, and snapshots change
/// (a qubit goes offline) while the task waits. A QPU where it is not admissible is no candidate for it. The answer is
/// kept per task and snapshot version, so a claim parses a waiting task's circuit once, not at every claim.
/// </summary>
public sealed class ClaimAdmissibility(DeviceRegistry devices)
{
    private readonly BoundedCache<(Guid Task, string Device, int Version), bool> _known = new(4096);

    public bool Admits(TaskRecord task, string device)
    {
        if (devices.Current(device) is not { } current) return false;
        return _known.Get((task.Id, device, current.Stored.Version), _ => Check(task, current));
    }

    private static bool Check(TaskRecord task, LoadedDevice device)
    {
        try
        {
            // The stored circuit is self-contained (admission inlined include files and bound parameters).
            var circuit = QasmParser.Parse(task.Circuit, "<task>");
            return RequirementAdmission.OnSnapshot(circuit, device.Snapshot, task.Transpile).IsAdmissible;
        }
        catch (QasmException)
        {
            return false;
        }
    }
}
