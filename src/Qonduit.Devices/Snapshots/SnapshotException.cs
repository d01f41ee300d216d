using Qonduit.Circuits;

namespace Qonduit.Devices.Snapshots;

/// <summary>A snapshot that cannot be read or used: bad JSON, an impossible calibration, an unknown device.</summary>
public sealed class SnapshotException(string code, string message, Exception? inner = null) : QonduitException(code, message, inner)
{
}
