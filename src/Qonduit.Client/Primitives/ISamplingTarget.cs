using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Client.Primitives;

/// <summary>
/// What the primitives need of a QPU: start a circuit, and wait for its counts. Adapters: <see cref="QonduitDevice"/>
/// (a device of a control plane, through <see cref="QonduitClient"/>) and, in Qonduit.Qrmi, any QRMI resource.
/// </summary>
public interface ISamplingTarget
{
    /// <summary>The name the target is known by (a device or a QRMI resource name).</summary>
    string Name { get; }

    Task<string> StartAsync(CircuitRun run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the task is terminal and returns its counts; unless it completed, throws a
    /// <see cref="Circuits.QonduitException"/> with code qrmi.task-failed or qrmi.task-not-completed.
    /// </summary>
    Task<SampledResult> ResultAsync(string taskId, CancellationToken cancellationToken = default);
}

/// <summary>
/// One circuit to sample, with its dialect read from its header. <see cref="Trajectories"/>: the trajectory budget of
/// noisy sampling (null: every shot draws its own error pattern; docs/trajectory-budget.md).
/// </summary>
public sealed record CircuitRun(string Circuit, int Shots, ulong? Seed = null, int? Trajectories = null)
{
    public string Dialect { get; } = CircuitDialects.FromSource(Circuit);
}

/// <summary>Counts in Qiskit bit order (docs/architecture.md "Results"), with the snapshot version the task was bound to.</summary>
public sealed record SampledResult(string TaskId, int Shots, ulong? Seed, IReadOnlyDictionary<string, long> Counts, int? BoundSnapshotVersion)
{
    /// <summary>The counts of a completed task's result; none when it carries no result.</summary>
    public static IReadOnlyDictionary<string, long> CountsOf(RunResult? result) =>
        result?.Counts.ToDictionary(c => c.Key, c => (long)c.Value) ?? new Dictionary<string, long>();
}

/// <summary>A sampled task ended failed or cancelled; <see cref="Circuits.QonduitException.Code"/> says which.</summary>
public sealed class SampledTaskFailedException(string taskId, string state, string? reason)
    : Circuits.QonduitException(state == "failed" ? ErrorCodes.Qrmi.TaskFailed : ErrorCodes.Qrmi.TaskNotCompleted,
        $"task '{taskId}' is {state}{(reason is null ? "" : ": " + reason)}")
{
    public string TaskId { get; } = taskId;

    public string State { get; } = state;
}

public static class CircuitDialects
{
    public const string OpenQasm2 = "openqasm2";
    public const string OpenQasm3 = "openqasm3";

    /// <summary>The dialect the source's `OPENQASM` header names, defaulting to OpenQASM 3.</summary>
    public static string FromSource(string source)
    {
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal)) continue;
            return trimmed.StartsWith("OPENQASM 2", StringComparison.Ordinal) ? OpenQasm2 : OpenQasm3;
        }
        return OpenQasm3;
    }
}
