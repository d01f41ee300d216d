using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi;

/// <summary>
/// One quantum resource as QRMI sees it (docs/architecture.md "QRMI"): reserve it with a lease, run tasks on it, read its
/// target snapshot and load. Implementations: <see cref="Vqpu.QonduitVqpuResource"/> (a control-plane device over
/// REST) and <see cref="Local.LocalSimulatorResource"/> (in process).
/// </summary>
public interface IQuantumResource
{
    /// <summary>The resource's name in qrmi_config.json (also the prefix of its environment variables).</summary>
    string ResourceId { get; }

    /// <summary>One of <see cref="ResourceTypes"/>.</summary>
    string Type { get; }

    /// <summary>Whether the resource answers and is online; never throws for an unreachable resource.</summary>
    Task<bool> IsAccessibleAsync(CancellationToken cancellationToken = default);

    /// <summary>Holds a lane (or every lane) until released or expired; throws <see cref="LeaseUnavailableException"/>.</summary>
    Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>Extends an active lease to now + <paramref name="ttl"/>; throws <see cref="LeaseNotFoundException"/> for a
    /// token released, expired or unknown (an expired lease is never revived).</summary>
    Task<Lease> RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary>Idempotent: releasing an unknown, expired or released token succeeds.</summary>
    Task ReleaseAsync(string token, CancellationToken cancellationToken = default);

    Task<string> TaskStartAsync(TaskPayload payload, CancellationToken cancellationToken = default);

    Task TaskStopAsync(string taskId, CancellationToken cancellationToken = default);

    Task<QuantumTaskStatus> TaskStatusAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The counts of a completed task; throws <see cref="TaskNotCompletedException"/> otherwise.</summary>
    Task<TaskResult> TaskResultAsync(string taskId, CancellationToken cancellationToken = default);

    Task<string> TaskLogsAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The device snapshot tasks are admitted against now.</summary>
    Task<DeviceSnapshot> TargetAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string>> MetadataAsync(CancellationToken cancellationToken = default);

    Task<ResourceMetrics> MetricsAsync(CancellationToken cancellationToken = default);
}

/// <summary>The resource types a qrmi_config.json may name.</summary>
public static class ResourceTypes
{
    public const string QonduitVqpu = Client.Primitives.QpuJob.QonduitVqpu;
    public const string LocalSimulator = "local-simulator";

    public static readonly IReadOnlyList<string> All = [QonduitVqpu, LocalSimulator];
}
