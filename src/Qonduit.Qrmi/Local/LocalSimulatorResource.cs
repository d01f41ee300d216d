using System.Collections.Concurrent;
using Qonduit.Devices.Snapshots;
using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Local;

/// <summary>
/// A simulated QPU in this process (for a laptop, and for Slurm tests without a control plane). Tasks run on
/// the thread pool through <see cref="LocalExecution"/>; leases live in a <see cref="LaneLeaseStore"/> under
/// <c>QRMI_LOCAL_LEASE_DIR</c> (default: the temp directory's qonduit-qrmi), so they exclude each other across
/// processes too. A task that names a lease runs at once on the leased lane; one without waits, queued, for a
/// free lane and holds it while it runs.
/// </summary>
public sealed class LocalSimulatorResource : IQuantumResource
{
    public const string LanesKey = "QRMI_LOCAL_LANES";
    public const string LeaseDirKey = "QRMI_LOCAL_LEASE_DIR";

    private static readonly TimeSpan TaskLeaseTtl = TimeSpan.FromHours(1);

    private readonly ResourceDefinition _definition;
    private readonly TimeProvider _time;
    private readonly LaneLeaseStore _leases;
    private readonly Lazy<DeviceSnapshot> _snapshot;
    private readonly ConcurrentDictionary<string, LocalTask> _tasks = new();
    private readonly string? _jobToken;

    public LocalSimulatorResource(ResourceDefinition definition, TimeProvider? time = null)
    {
        _definition = definition;
        _time = time ?? TimeProvider.System;
        var lanes = definition.GetInt(LanesKey, 1);
        if (lanes < 1) throw new QrmiConfigException($"resource '{definition.Name}': {LanesKey} must be at least 1");
        var directory = definition.Get(LeaseDirKey) ?? Path.Combine(Path.GetTempPath(), "qonduit-qrmi");
        _leases = new LaneLeaseStore(Path.Combine(directory, definition.Name), definition.Name, lanes, _time);
        _snapshot = new Lazy<DeviceSnapshot>(() => LocalDevice.Resolve(definition, _time));
        _jobToken = definition.Get(JobEnvironment.TokenKey);
    }

    public string ResourceId => _definition.Name;

    public string Type => ResourceTypes.LocalSimulator;

    public LaneLeaseStore Leases => _leases;

    public Task<bool> IsAccessibleAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(SnapshotFigures.OnlineQubits(_snapshot.Value) > 0);
        }
        catch (QrmiException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default) =>
        _leases.AcquireAsync(request, cancellationToken);

    public Task<Lease> RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken = default) => _leases.RenewAsync(token, ttl, cancellationToken);

    public Task ReleaseAsync(string token, CancellationToken cancellationToken = default) => _leases.ReleaseAsync(token, cancellationToken);

    public async Task<string> TaskStartAsync(TaskPayload payload, CancellationToken cancellationToken = default)
    {
        var prepared = LocalExecution.Prepare(payload, _snapshot.Value);
        var token = payload.LeaseToken ?? _jobToken;
        if (token is not null && await _leases.FindAsync(token, cancellationToken).ConfigureAwait(false) is null)
            throw new LeaseNotFoundException($"the lease given for '{ResourceId}' is unknown, released or expired");
        var task = new LocalTask(Guid.NewGuid().ToString(), _time);
        _tasks[task.Id] = task;
        task.Log(token is null ? "queued: waiting for a free lane" : "queued: runs on the job's lease");
        task.Execution = Task.Run(() => RunAsync(task, prepared, token), CancellationToken.None);
        return task.Id;
    }

    public Task TaskStopAsync(string taskId, CancellationToken cancellationToken = default)
    {
        Find(taskId).Cancel();
        return Task.CompletedTask;
    }

    public Task<QuantumTaskStatus> TaskStatusAsync(string taskId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Find(taskId).Status);

    public Task<TaskResult> TaskResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var task = Find(taskId);
        return task.Status == QuantumTaskStatus.Completed && task.Result is { } result
            ? Task.FromResult(result)
            : throw new TaskNotCompletedException(taskId, task.Status, task.Error);
    }

    public Task<string> TaskLogsAsync(string taskId, CancellationToken cancellationToken = default) => Task.FromResult(Find(taskId).LogText);

    public Task<DeviceSnapshot> TargetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_snapshot.Value);

    public Task<IReadOnlyDictionary<string, string>> MetadataAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = _snapshot.Value;
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = ResourceId,
            ["type"] = Type,
            ["device"] = snapshot.Device,
            ["version"] = snapshot.Version.ToString(),
            ["numQubits"] = snapshot.NumQubits.ToString(),
            ["source"] = snapshot.Source,
            ["lanes"] = _leases.Lanes.ToString(),
        };
        return Task.FromResult(metadata);
    }

    public async Task<ResourceMetrics> MetricsAsync(CancellationToken cancellationToken = default)
    {
        var active = await _leases.ActiveAsync(cancellationToken).ConfigureAwait(false);
        var queued = _tasks.Values.Count(t => t.Status == QuantumTaskStatus.Queued);
        return SnapshotFigures.Metrics(_snapshot.Value, _time.GetUtcNow(), queued, _leases.Lanes, LaneLeaseStore.LanesInUse(active, _leases.Lanes));
    }

    /// <summary>Waits for every task started here (the CLI waits before it exits).</summary>
    public Task DrainAsync() => Task.WhenAll(_tasks.Values.Select(t => t.Execution));

    private LocalTask Find(string taskId) => _tasks.TryGetValue(taskId, out var task) ? task : throw new QuantumTaskNotFoundException(taskId);

    private async Task RunAsync(LocalTask task, PreparedTask prepared, string? token)
    {
        Lease? own = null;
        try
        {
            if (token is null)
            {
                var request = new LeaseRequest { Holder = $"task:{task.Id}", Ttl = TaskLeaseTtl, Wait = TimeSpan.FromDays(1) };
                own = await _leases.AcquireAsync(request, task.Cancellation).ConfigureAwait(false);
                task.Log($"lane {own.Lane} leased");
            }
            if (!task.TryStart()) return;
            var result = LocalExecution.Run(task.Id, prepared, _snapshot.Value);
            task.Complete(result);
        }
        catch (OperationCanceledException) when (task.Cancellation.IsCancellationRequested)
        {
            task.Log("cancelled while waiting for a lane");
        }
        catch (Exception e)
        {
            task.Fail(e is Qonduit.Circuits.QonduitException ? e.Message : e.ToString());
        }
        finally
        {
            if (own is not null) await _leases.ReleaseAsync(own.Token, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
