namespace Qonduit.Storage;

/// <summary>
/// One immutable version of a device as stored: the snapshot JSON (with its version and createdAt filled in)
/// plus the columns the registry lists without parsing it. <see cref="Lanes"/> (execution lanes a lease holds, see
/// docs/leases.md) belongs to the version but not to the snapshot: it describes the service, not the calibration,
/// so it is outside the snapshot's schema and hash.
/// </summary>
public sealed record DeviceVersion(
    string Device,
    int Version,
    DateTimeOffset CreatedAt,
    string Source,
    string Hash,
    int NumQubits,
    string SnapshotJson,
    int Lanes = 1)
{
    public DeviceVersionSummary Summary => new(Device, Version, CreatedAt, Source, Hash, NumQubits, Lanes);
}
