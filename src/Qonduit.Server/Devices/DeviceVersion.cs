namespace Qonduit.Server.Devices;

/// <summary>
/// One immutable version of a device as stored: the snapshot JSON (with its version and createdAt filled in)
/// plus the columns the registry lists without parsing it.
/// </summary>
public sealed record DeviceVersion(
    string Device,
    int Version,
    DateTimeOffset CreatedAt,
    string Source,
    string Hash,
    int NumQubits,
    string SnapshotJson)
{
    public DeviceVersionSummary Summary => new(Device, Version, CreatedAt, Source, Hash, NumQubits);
}

public sealed record DeviceVersionSummary(
    string Device,
    int Version,
    DateTimeOffset CreatedAt,
    string Source,
    string Hash,
    int NumQubits);
