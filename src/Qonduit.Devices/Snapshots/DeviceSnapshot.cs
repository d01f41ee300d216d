using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Qonduit.Devices.Snapshots;

/// <summary>
/// A versioned, immutable, calibration-bearing description of one device (docs/architecture.md "Device snapshot").
/// Validation and execution read it as data: nothing branches on vendor or topology family.
/// </summary>
public sealed record DeviceSnapshot
{
    public required string Device { get; init; }

    public int Version { get; init; } = 1;

    public DateTimeOffset CreatedAt { get; init; }

    public string Source { get; init; } = "";

    public required ImmutableArray<string> NativeGates { get; init; }

    public required ImmutableArray<QubitCalibration> Qubits { get; init; }

    /// <summary>Directed: a symmetric coupling is listed in both directions.</summary>
    public required ImmutableArray<Coupler> Couplers { get; init; }

    /// <summary>Largest shot count one task may ask for.</summary>
    public int MaxShots { get; init; } = 100_000;

    /// <summary>Duration of one `dt` sample in nanoseconds, when the device has one.</summary>
    public double? DtNs { get; init; }

    [JsonIgnore]
    public int NumQubits => Qubits.Length;
}

public sealed record QubitCalibration
{
    public required int Index { get; init; }

    public QubitStatus Status { get; init; } = QubitStatus.Online;

    public double? T1Us { get; init; }

    public double? T2Us { get; init; }

    public double? ReadoutError { get; init; }

    public double? ProbMeas0Prep1 { get; init; }

    public double? ProbMeas1Prep0 { get; init; }

    public double? ReadoutLengthNs { get; init; }

    public ImmutableSortedDictionary<string, double> GateErrors { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    public ImmutableSortedDictionary<string, double> GateLengthsNs { get; init; } = ImmutableSortedDictionary<string, double>.Empty;
}

public sealed record Coupler
{
    public required int Control { get; init; }

    public required int Target { get; init; }

    public required string Gate { get; init; }

    public double Error { get; init; }

    public double? GateLengthNs { get; init; }

    public CouplerStatus Status { get; init; } = CouplerStatus.Available;
}

[JsonConverter(typeof(JsonStringEnumConverter<QubitStatus>))]
public enum QubitStatus
{
    [JsonStringEnumMemberName("online")] Online,
    [JsonStringEnumMemberName("offline")] Offline,
}

[JsonConverter(typeof(JsonStringEnumConverter<CouplerStatus>))]
public enum CouplerStatus
{
    [JsonStringEnumMemberName("available")] Available,
    [JsonStringEnumMemberName("unavailable")] Unavailable,
}
