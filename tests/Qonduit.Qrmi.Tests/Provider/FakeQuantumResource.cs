using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi.Tests.Provider;

/// <summary>A resource that reports what the test says: qubits, load, accessibility.</summary>
internal sealed class FakeQuantumResource(string name, int qubits, int queueDepth = 0, int lanes = 1, int lanesInUse = 0,
    double? median2q = null, bool accessible = true) : IQuantumResource
{
    private readonly DeviceSnapshot _snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, qubits, Ideal: true, Name: name));

    public string ResourceId => name;

    public string Type => ResourceTypes.QonduitVqpu;

    public Task<bool> IsAccessibleAsync(CancellationToken cancellationToken = default) => Task.FromResult(accessible);

    public Task<DeviceSnapshot> TargetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_snapshot);

    public Task<ResourceMetrics> MetricsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ResourceMetrics(queueDepth, lanes, lanesInUse, TimeSpan.Zero, null, median2q, null));

    public Task<IReadOnlyDictionary<string, string>> MetadataAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["name"] = name });

    public Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Lease> RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ReleaseAsync(string token, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> TaskStartAsync(TaskPayload payload, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task TaskStopAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<QuantumTaskStatus> TaskStatusAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TaskResult> TaskResultAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<string> TaskLogsAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
