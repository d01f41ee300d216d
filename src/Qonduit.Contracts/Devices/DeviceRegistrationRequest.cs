using System.Text.Json;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Contracts.Devices;

/// <summary>
/// `PUT /v1/devices/{id}`: exactly one of a snapshot, IBM backend JSON, or a generator spec. The path names the device.
/// <see cref="Lanes"/> (execution lanes for leases) defaults to the device's current lanes, 1 for a new device.
/// </summary>
public sealed record DeviceRegistrationRequest(JsonElement? Snapshot = null, IbmRegistration? Ibm = null, GeneratorRegistration? Generator = null, int? Lanes = null)
{
    public static DeviceRegistrationRequest FromSnapshot(DeviceSnapshot snapshot, int? lanes = null) =>
        new(Snapshot: JsonDocument.Parse(SnapshotJson.Serialize(snapshot, indented: false)).RootElement.Clone(), Lanes: lanes);
}

/// <summary>An IBM backend's configuration and properties JSON, as IBM serves them.</summary>
public sealed record IbmRegistration(JsonElement Configuration, JsonElement Properties);

/// <summary>A generated topology (docs/architecture.md "Device snapshot"): family, size, seed, and whether it is noiseless.</summary>
public sealed record GeneratorRegistration(string? Family, int Qubits, int Seed = 0, bool Ideal = false);
