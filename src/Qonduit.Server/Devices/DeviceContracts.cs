using System.Collections.Immutable;
using System.Text.Json;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Server.Devices;

/// <summary>
/// `PUT /v1/devices/{id}`: exactly one of a snapshot, IBM backend JSON, or a generator spec. The path names the device.
/// <see cref="Lanes"/> (execution lanes for leases) defaults to the device's current lanes, 1 for a new device.
/// </summary>
public sealed record DeviceRegistrationRequest(JsonElement? Snapshot = null, IbmRegistration? Ibm = null, GeneratorRegistration? Generator = null, int? Lanes = null);

public sealed record IbmRegistration(JsonElement Configuration, JsonElement Properties);

public sealed record GeneratorRegistration(string? Family, int Qubits, int Seed = 0, bool Ideal = false);

/// <summary>
/// `PATCH /v1/devices/{id}`: partial changes applied to the current version, giving the next one. Qubit and coupler
/// entries change only the fields they carry; <see cref="Recalibration"/> replaces whole lists.
/// </summary>
public sealed record DevicePatchRequest(
    string? Source = null,
    int? MaxShots = null,
    IReadOnlyList<QubitPatch>? Qubits = null,
    IReadOnlyList<CouplerPatch>? Couplers = null,
    Recalibration? Recalibration = null,
    int? Lanes = null);

public sealed record QubitPatch(
    int Index,
    QubitStatus? Status = null,
    double? T1Us = null,
    double? T2Us = null,
    double? ReadoutError = null,
    double? ProbMeas0Prep1 = null,
    double? ProbMeas1Prep0 = null,
    double? ReadoutLengthNs = null,
    IReadOnlyDictionary<string, double>? GateErrors = null,
    IReadOnlyDictionary<string, double>? GateLengthsNs = null);

public sealed record CouplerPatch(int Control, int Target, double? Error = null, CouplerStatus? Status = null, double? GateLengthNs = null);

/// <summary>A full calibration: every qubit and/or every coupler, replacing the current lists.</summary>
public sealed record Recalibration(ImmutableArray<QubitCalibration>? Qubits = null, ImmutableArray<Coupler>? Couplers = null);

/// <summary>What a PUT or PATCH did; <see cref="Changed"/> is false when it described the current version exactly.</summary>
public sealed record DeviceChangeView(string Device, int Version, string Hash, DateTimeOffset CreatedAt, string Source, int NumQubits, bool Changed, int Lanes)
{
    public static DeviceChangeView From(DeviceChange change) => new(
        change.Version.Device, change.Version.Version, change.Version.Hash, change.Version.CreatedAt, change.Version.Source,
        change.Version.NumQubits, change.Created, change.Version.Lanes);
}

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
/// `POST /v1/devices/{id}/viability`: the submit checks without creating a task, as a submission with the same
/// <see cref="Transpile"/> (default true) and <see cref="Trajectories"/> would get them.
/// </summary>
public sealed record ViabilityRequest(string? Circuit, string? Dialect = null, int? Shots = null, int? SnapshotVersion = null, bool? Transpile = null, int? Trajectories = null);

public sealed record ViabilityView(
    string Device,
    int SnapshotVersion,
    bool Admissible,
    int NumQubits,
    int Instructions,
    IReadOnlyList<Tasks.ViolationView> Violations);
