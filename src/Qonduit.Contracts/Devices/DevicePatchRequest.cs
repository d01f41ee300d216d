using System.Collections.Immutable;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Contracts.Devices;

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
