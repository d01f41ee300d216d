namespace Qonduit.Contracts.Devices;

/// <summary>What a PUT or PATCH did; <see cref="Changed"/> is false when it described the current version exactly.</summary>
public sealed record DeviceChangeView(string Device, int Version, string Hash, DateTimeOffset CreatedAt, string Source, int NumQubits, bool Changed, int Lanes);

/// <summary>An entry of `GET /v1/devices`: the current version, its lanes and their use now, and the device's queue.</summary>
public sealed record DeviceListEntry(
    string Device,
    int Version,
    DateTimeOffset CreatedAt,
    string Source,
    string Hash,
    int NumQubits,
    int Lanes,
    int LanesInUse,
    long QueueDepth);

/// <summary>
/// One version of a device without its snapshot: an entry of `GET /v1/devices/{id}/snapshots` (oldest first), and what
/// the server's store lists without parsing snapshots.
/// </summary>
public sealed record DeviceVersionSummary(
    string Device,
    int Version,
    DateTimeOffset CreatedAt,
    string Source,
    string Hash,
    int NumQubits,
    int Lanes = 1);
