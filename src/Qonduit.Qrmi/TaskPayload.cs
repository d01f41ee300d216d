using Qonduit.Client.Primitives;

namespace Qonduit.Qrmi;

/// <summary>
/// One circuit to run. <see cref="LeaseToken"/> accounts the task to a lease; when null the resource uses the
/// token it was created with (the job's acquisition token), if any.
/// </summary>
public sealed record TaskPayload(string Circuit, int Shots, string Dialect = CircuitDialects.OpenQasm3, ulong? Seed = null)
{
    public string? LeaseToken { get; init; }

    /// <summary>The trajectory budget of noisy sampling; null: every shot draws its own error pattern (docs/trajectory-budget.md).</summary>
    public int? Trajectories { get; init; }

    /// <summary>The dialect named by the source's `OPENQASM` header, defaulting to OpenQASM 3.</summary>
    public static TaskPayload FromQasm(string source, int shots, ulong? seed = null) =>
        new(source, shots, CircuitDialects.FromSource(source), seed);
}

/// <summary>docs/architecture.md's task lifecycle states as QRMI reports them.</summary>
public enum QuantumTaskStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

public static class QuantumTaskStatuses
{
    public static bool IsTerminal(this QuantumTaskStatus status) =>
        status is QuantumTaskStatus.Completed or QuantumTaskStatus.Failed or QuantumTaskStatus.Cancelled;

    public static string Name(this QuantumTaskStatus status) => status.ToString().ToLowerInvariant();

    public static QuantumTaskStatus Parse(string text) => text switch
    {
        "queued" => QuantumTaskStatus.Queued,
        "running" => QuantumTaskStatus.Running,
        "completed" => QuantumTaskStatus.Completed,
        "failed" => QuantumTaskStatus.Failed,
        "cancelled" => QuantumTaskStatus.Cancelled,
        _ => throw new QrmiProtocolException($"unknown task state '{text}'"),
    };
}

/// <summary>Counts in Qiskit bit order (docs/architecture.md "Results").</summary>
public sealed record TaskResult(string TaskId, int Shots, ulong? Seed, IReadOnlyDictionary<string, long> Counts, int? BoundSnapshotVersion);

/// <summary>
/// The load figures attribute filters and the least-busy choice read. Error medians are over the snapshot's
/// online qubits and available couplers; null when the snapshot has no such figure.
/// </summary>
public sealed record ResourceMetrics(
    int QueueDepth,
    int Lanes,
    int LanesInUse,
    TimeSpan CalibrationAge,
    double? Median1qError,
    double? Median2qError,
    double? MedianReadoutError);
