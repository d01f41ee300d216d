using System.Security.Cryptography;
using System.Text;

namespace Qonduit.Devices.Snapshots;

/// <summary>
/// Content hash of a snapshot: SHA-256 (lower-case hex) of its canonical JSON, which leaves out what does not describe the
/// device (<see cref="DeviceSnapshot.Version"/>, <see cref="DeviceSnapshot.CreatedAt"/>) and orders what is a set
/// (native gates, couplers) so two snapshots of the same device calibration hash alike however they were listed.
/// </summary>
public static class SnapshotHash
{
    public static string Compute(DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var canonical = snapshot with
        {
            Version = 1,
            CreatedAt = DateTimeOffset.UnixEpoch,
            NativeGates = [.. snapshot.NativeGates.Order(StringComparer.Ordinal)],
            Couplers = [.. snapshot.Couplers.OrderBy(c => c.Control).ThenBy(c => c.Target)],
        };
        var bytes = Encoding.UTF8.GetBytes(SnapshotJson.Serialize(canonical, indented: false));
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
