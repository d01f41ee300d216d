using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Qonduit.Devices.Snapshots;

/// <summary>
/// The JSON shape of a snapshot, kept apart from the model: System.Text.Json's source generator assigns every init-only
/// property of the target when it builds it (an absent "maxShots" would become 0, an absent "gateErrors" null), so
/// the wire format is read into these mutable documents, whose field initializers hold the schema's defaults, and
/// converted. Declaration order is the order of the fields in the file.
/// </summary>
internal sealed class SnapshotDocument
{
    [JsonRequired] public string Device { get; set; } = "";
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; }
    public string Source { get; set; } = "";
    [JsonRequired] public List<string> NativeGates { get; set; } = [];
    [JsonRequired] public List<QubitDocument?> Qubits { get; set; } = [];
    [JsonRequired] public List<CouplerDocument?> Couplers { get; set; } = [];
    public int MaxShots { get; set; } = 100_000;
    public double? DtNs { get; set; }

    public static SnapshotDocument From(DeviceSnapshot s) => new()
    {
        Device = s.Device, Version = s.Version, CreatedAt = s.CreatedAt, Source = s.Source, NativeGates = [.. s.NativeGates],
        Qubits = [.. s.Qubits.Select(QubitDocument.From)], Couplers = [.. s.Couplers.Select(CouplerDocument.From)],
        MaxShots = s.MaxShots, DtNs = s.DtNs,
    };

    public DeviceSnapshot ToSnapshot() => new()
    {
        Device = Device, Version = Version, CreatedAt = CreatedAt, Source = Source, NativeGates = [.. NativeGates],
        Qubits = [.. Qubits.Select((q, i) => (q ?? throw Null($"qubits[{i}]")).ToModel())],
        Couplers = [.. Couplers.Select((c, i) => (c ?? throw Null($"couplers[{i}]")).ToModel())],
        MaxShots = MaxShots, DtNs = DtNs,
    };

    private static SnapshotException Null(string path) => new(ErrorCodes.Snapshot.MalformedJson, $"snapshot JSON is malformed ($.{path}): null where an object is required");
}

internal sealed class QubitDocument
{
    [JsonRequired] public int Index { get; set; }
    public QubitStatus Status { get; set; } = QubitStatus.Online;
    public double? T1Us { get; set; }
    public double? T2Us { get; set; }
    public double? ReadoutError { get; set; }
    public double? ProbMeas0Prep1 { get; set; }
    public double? ProbMeas1Prep0 { get; set; }
    public double? ReadoutLengthNs { get; set; }
    public SortedDictionary<string, double>? GateErrors { get; set; }
    public SortedDictionary<string, double>? GateLengthsNs { get; set; }

    public static QubitDocument From(QubitCalibration q) => new()
    {
        Index = q.Index, Status = q.Status, T1Us = q.T1Us, T2Us = q.T2Us, ReadoutError = q.ReadoutError,
        ProbMeas0Prep1 = q.ProbMeas0Prep1, ProbMeas1Prep0 = q.ProbMeas1Prep0, ReadoutLengthNs = q.ReadoutLengthNs,
        GateErrors = q.GateErrors.IsEmpty ? null : new(q.GateErrors, StringComparer.Ordinal),
        GateLengthsNs = q.GateLengthsNs.IsEmpty ? null : new(q.GateLengthsNs, StringComparer.Ordinal),
    };

    public QubitCalibration ToModel() => new()
    {
        Index = Index, Status = Status, T1Us = T1Us, T2Us = T2Us, ReadoutError = ReadoutError,
        ProbMeas0Prep1 = ProbMeas0Prep1, ProbMeas1Prep0 = ProbMeas1Prep0, ReadoutLengthNs = ReadoutLengthNs,
        GateErrors = ToImmutable(GateErrors), GateLengthsNs = ToImmutable(GateLengthsNs),
    };

    private static ImmutableSortedDictionary<string, double> ToImmutable(SortedDictionary<string, double>? map) =>
        map is null ? ImmutableSortedDictionary<string, double>.Empty : map.ToImmutableSortedDictionary(StringComparer.Ordinal);
}

internal sealed class CouplerDocument
{
    [JsonRequired] public int Control { get; set; }
    [JsonRequired] public int Target { get; set; }
    [JsonRequired] public string Gate { get; set; } = "";
    public double Error { get; set; }
    public double? GateLengthNs { get; set; }
    public CouplerStatus Status { get; set; } = CouplerStatus.Available;

    public static CouplerDocument From(Coupler c) => new()
    {
        Control = c.Control, Target = c.Target, Gate = c.Gate, Error = c.Error, GateLengthNs = c.GateLengthNs, Status = c.Status,
    };

    public Coupler ToModel() => new() { Control = Control, Target = Target, Gate = Gate, Error = Error, GateLengthNs = GateLengthNs, Status = Status };
}
