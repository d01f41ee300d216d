using System.Text.Json;
using System.Text.Json.Serialization;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Client;

[JsonConverter(typeof(JsonStringEnumConverter<QuantumTaskState>))]
public enum QuantumTaskState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

public static class QuantumTaskStates
{
    public static bool IsTerminal(this QuantumTaskState state) =>
        state is QuantumTaskState.Completed or QuantumTaskState.Failed or QuantumTaskState.Cancelled;

    public static string Name(this QuantumTaskState state) => state.ToString().ToLowerInvariant();
}

/// <summary>`POST /v1/tasks` body.</summary>
/// <param name="Transpile">
/// Null or true: the circuit is logical and is transpiled onto the snapshot bound at claim time. False: it must be
/// native to the device as written.
/// </param>
/// <param name="Trajectories">
/// Null: exact, every shot draws its own error pattern. N ≥ 1: at most N patterns are drawn and the shots spread over
/// them; each shot is still an exact sample, but shots sharing a pattern are correlated (much cheaper for wide circuits).
/// </param>
/// <param name="Parameters">Values for the circuit's OpenQASM 3 <c>input float[64]</c> declarations, bound by the server at admission.</param>
public sealed record SubmitTask(
    string Device,
    string Circuit,
    int Shots = 1024,
    string? Dialect = null,
    long? Seed = null,
    int? SnapshotVersion = null,
    int? Priority = null,
    IReadOnlyList<string>? Tags = null,
    string? LeaseToken = null,
    bool? Transpile = null,
    int? Trajectories = null,
    IReadOnlyDictionary<string, double>? Parameters = null);

public sealed record TaskFailure(string Code, string Origin, string Message, string? Detail = null);

/// <summary>A task record as the server shows it.</summary>
public sealed record QuantumTask(
    Guid Id,
    string Tenant,
    string Device,
    string Dialect,
    int Shots,
    long? Seed,
    int Priority,
    IReadOnlyList<string> Tags,
    QuantumTaskState State,
    string? Step,
    string? Owner,
    int Attempt,
    int? SnapshotVersion,
    int AdmittedSnapshotVersion,
    int? BoundSnapshotVersion,
    string? SchedulerJobId,
    bool Stale,
    int NumQubits,
    int Instructions,
    bool Transpile,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? FinishedAt,
    TaskFailure? Error,
    Guid? LeaseId = null,
    int? Trajectories = null,
    PendingReason? PendingReason = null,
    TaskProgress? Progress = null);

public sealed record QuantumTaskPage(IReadOnlyList<QuantumTask> Items, string? NextCursor);

public sealed record QuantumTaskResult(Guid TaskId, QuantumTaskState State, int? BoundSnapshotVersion, JsonElement? Result, TaskFailure? Error)
{
    /// <summary>The counts of a completed task's result (Qiskit bit order), when the result carries them.</summary>
    public IReadOnlyDictionary<string, long> Counts() =>
        Result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("counts", out var counts) && counts.ValueKind == JsonValueKind.Object
            ? counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
            : new Dictionary<string, long>();

    /// <summary>How a task submitted logical was mapped onto its bound snapshot; null when it ran as written.</summary>
    public TaskTranspilation? Transpilation() =>
        Result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("transpilation", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.Deserialize(ClientJsonContext.Default.TaskTranspilation)
            : null;

    /// <summary>The error-pattern budget the counts were drawn with; null when every shot drew its own (exact).</summary>
    public int? Trajectories() =>
        Result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("trajectories", out var t) && t.ValueKind == JsonValueKind.Number
            ? t.GetInt32()
            : null;
}

/// <summary>
/// The result's record of transpiling: <see cref="InitialLayout"/>[logical] = physical qubit at the start,
/// <see cref="FinalPermutation"/>[logical] = physical qubit at the end; sizes before and after, swaps inserted.
/// </summary>
public sealed record TaskTranspilation(
    IReadOnlyList<int> InitialLayout,
    IReadOnlyList<int> FinalPermutation,
    int Swaps,
    CircuitSizes Before,
    CircuitSizes After,
    IReadOnlyList<string> Passes);

public sealed record CircuitSizes(int Depth, int Gates, int TwoQubitGates);

public sealed record TaskQueryOptions(QuantumTaskState? State = null, string? Device = null, string? Cursor = null, int? Limit = null);

/// <summary>A device version; in the device list it also carries the lanes in use now and the device's queue depth.</summary>
public sealed record DeviceSummary(
    string Device, int Version, DateTimeOffset CreatedAt, string Source, string Hash, int NumQubits, int Lanes = 1, int LanesInUse = 0, long QueueDepth = 0);

public sealed record DeviceChange(string Device, int Version, string Hash, DateTimeOffset CreatedAt, string Source, int NumQubits, bool Changed, int Lanes = 1);

public sealed record Violation(string Code, string Kind, int? InstructionIndex, int? Line, int? Column, string Message);

public sealed record Viability(string Device, int SnapshotVersion, bool Admissible, int NumQubits, int Instructions, IReadOnlyList<Violation> Violations);

public sealed record ViabilityQuery(string Circuit, string? Dialect = null, int? Shots = null, int? SnapshotVersion = null, bool? Transpile = null, int? Trajectories = null);

/// <summary>`PUT /v1/devices/{id}`: exactly one member set, plus optionally the device's execution lanes.</summary>
public sealed record DeviceRegistration(JsonElement? Snapshot = null, IbmBackendFiles? Ibm = null, GeneratedDevice? Generator = null, int? Lanes = null)
{
    public static DeviceRegistration FromSnapshot(DeviceSnapshot snapshot, int? lanes = null) =>
        new(Snapshot: JsonDocument.Parse(SnapshotJson.Serialize(snapshot, indented: false)).RootElement.Clone(), Lanes: lanes);
}

public sealed record IbmBackendFiles(JsonElement Configuration, JsonElement Properties);

public sealed record GeneratedDevice(string Family, int Qubits, int Seed = 0, bool Ideal = false);

public sealed record DevicePatch(
    string? Source = null,
    int? MaxShots = null,
    IReadOnlyList<QubitChange>? Qubits = null,
    IReadOnlyList<CouplerChange>? Couplers = null,
    DeviceRecalibration? Recalibration = null,
    int? Lanes = null);

public sealed record QubitChange(
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

public sealed record CouplerChange(int Control, int Target, double? Error = null, CouplerStatus? Status = null, double? GateLengthNs = null);

public sealed record DeviceRecalibration(IReadOnlyList<QubitCalibration>? Qubits = null, IReadOnlyList<Coupler>? Couplers = null);

public sealed record ClaimRequest(string AgentId, int Capacity = 1, IReadOnlyList<string>? Devices = null, int WaitMs = 0);

public sealed record ClaimedTaskInfo(
    Guid Id,
    string Tenant,
    string Device,
    string Dialect,
    string Circuit,
    int Shots,
    long? Seed,
    int Priority,
    IReadOnlyList<string> Tags,
    int Attempt,
    int BoundSnapshotVersion,
    bool Transpile = false,
    int? Trajectories = null);

/// <summary>A claimed task and the snapshot version bound to it (raw JSON; <see cref="Device"/> parses it).</summary>
public sealed record ClaimedWork(ClaimedTaskInfo Task, JsonElement Snapshot)
{
    public DeviceSnapshot Device() => SnapshotJson.Deserialize(Snapshot.GetRawText());
}

public sealed record HeartbeatRequest(string AgentId, IReadOnlyList<Guid> TaskIds);

public sealed record HeartbeatAnswer(IReadOnlyList<Guid> Cancelled, IReadOnlyList<Guid> Unknown);

public sealed record ReportRunning(string AgentId, string? SchedulerJobId = null);

public sealed record ReportCompleted(string AgentId, JsonElement Result);

public sealed record ReportFailed(string AgentId, string Code, string Origin, string Message, string? Detail = null);

public sealed record RequeueOptions(bool Force = false);

public sealed record ForceFailure(string Reason);

public sealed record AgentInfo(
    string AgentId,
    string KeyName,
    DateTimeOffset LastHeartbeat,
    int Capacity,
    IReadOnlyList<string> Devices,
    IReadOnlyList<Guid> OwnedTasks,
    bool Stale);

/// <summary>One event of `/v1/events`; <see cref="Sequence"/> is the store's global sequence (the SSE id).</summary>
public sealed record ServerEvent(long Sequence, string Type, Guid? TaskId, string? Device, DateTimeOffset At, JsonElement Data);

public sealed record EventSubscription(Guid? TaskId = null, string? Device = null, IReadOnlyList<string>? Types = null);
