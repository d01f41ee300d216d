using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Qonduit.Client;
using Qonduit.Client.Primitives;
using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Leases;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;
using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>
/// A device of a Qonduit control plane, reached through <see cref="QonduitClient"/>. Settings (qrmi_config.json
/// `environment`, or <c>{name}_QRMI_*</c> variables): <c>QRMI_QONDUIT_URL</c> (required), <c>QRMI_QONDUIT_API_KEY</c>,
/// <c>QRMI_QONDUIT_DEVICE</c> (default: the resource name) and the job's <c>QRMI_JOB_ACQUISITION_TOKEN</c>,
/// which tasks are accounted to when they name no lease of their own.
/// </summary>
public sealed class QonduitVqpuResource : IQuantumResource
{
    public const string UrlKey = QpuJob.UrlKey;
    public const string ApiKeyKey = QpuJob.ApiKeyKey;
    public const string DeviceKey = QpuJob.DeviceKey;

    private readonly QonduitClient _client;
    private readonly ControlPlaneErrors _errors;
    private readonly TimeProvider _time;
    private readonly string? _jobToken;

    public QonduitVqpuResource(ResourceDefinition definition, HttpClient http, TimeProvider? time = null)
    {
        ResourceId = definition.Name;
        var url = definition.Require(UrlKey);
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new QrmiConfigException($"resource '{definition.Name}': {UrlKey} '{url}' is not an http(s) URL");
        Device = definition.Get(DeviceKey) ?? definition.Name;
        Url = baseUrl;
        _jobToken = definition.Get(JobEnvironment.TokenKey);
        _client = new QonduitClient(http, baseUrl, definition.Get(ApiKeyKey));
        _errors = new ControlPlaneErrors(definition.Name, baseUrl, http.Timeout);
        _time = time ?? TimeProvider.System;
    }

    public string ResourceId { get; }

    public string Type => ResourceTypes.QonduitVqpu;

    /// <summary>The control plane's device id.</summary>
    public string Device { get; }

    public Uri Url { get; }

    public async Task<bool> IsAccessibleAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var record = await DeviceRecordAsync(cancellationToken).ConfigureAwait(false);
            return record["status"] is not JsonValue value || !value.TryGetValue<string>(out var status) || status == "online";
        }
        catch (QrmiException)
        {
            return false;
        }
    }

    public async Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default)
    {
        var ask = new AcquireLeaseRequest(request.Holder, (int)Math.Ceiling(request.Ttl.TotalSeconds), request.Exclusive, (int)request.Wait.TotalMilliseconds);
        return ToLease(await _errors.CallAsync(_client.AcquireLeaseAsync(Device, ask, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    public Task ReleaseAsync(string token, CancellationToken cancellationToken = default) =>
        _errors.CallAsync(_client.ReleaseLeaseAsync(token, cancellationToken), cancellationToken);

    /// <summary>
    /// What the tasks submitted with the lease used once they ended (tasks, lane-seconds, shots), read also after its release:
    /// what a Slurm job's AdminComment records at its end.
    /// </summary>
    public async Task<AccountingRowView> LeaseUsageAsync(string token, CancellationToken cancellationToken = default)
    {
        var lease = await _errors.CallAsync(_client.GetLeaseAsync(token, cancellationToken), cancellationToken).ConfigureAwait(false);
        return lease.Used ?? new AccountingRowView(lease.Device, 0, 0, 0, 0, 0);
    }

    Task<Lease> IQuantumResource.RenewAsync(string token, TimeSpan ttl, CancellationToken cancellationToken) => RenewAsync(token, (TimeSpan?)ttl, cancellationToken);

    /// <param name="ttl">null: the lease's own TTL again (the server remembers it).</param>
    public async Task<Lease> RenewAsync(string token, TimeSpan? ttl, CancellationToken cancellationToken = default)
    {
        var seconds = ttl is { } t ? (int)Math.Ceiling(t.TotalSeconds) : (int?)null;
        return ToLease(await _errors.CallAsync(_client.RenewLeaseAsync(token, seconds, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> TaskStartAsync(TaskPayload payload, CancellationToken cancellationToken = default)
    {
        var submit = new SubmitTaskRequest(Device, payload.Circuit, payload.Dialect, payload.Shots, (long?)payload.Seed, LeaseToken: payload.LeaseToken ?? _jobToken,
            Trajectories: payload.Trajectories);
        return (await _errors.CallAsync(_client.SubmitAsync(submit, cancellationToken), cancellationToken).ConfigureAwait(false)).Id.ToString();
    }

    public async Task TaskStopAsync(string taskId, CancellationToken cancellationToken = default) =>
        await _errors.CallAsync(_client.CancelAsync(TaskGuid(taskId), cancellationToken), cancellationToken).ConfigureAwait(false);

    public async Task<QuantumTaskStatus> TaskStatusAsync(string taskId, CancellationToken cancellationToken = default) =>
        Status(await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false));

    public async Task<TaskResult> TaskResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (Status(task) is var status && status != QuantumTaskStatus.Completed)
            throw new TaskNotCompletedException(taskId, status, task.Error?.Message);
        var answer = await _errors.CallAsync(_client.GetResultAsync(task.Id, cancellationToken), cancellationToken).ConfigureAwait(false);
        var result = answer.Result ?? throw new QrmiProtocolException($"completed task '{taskId}' carries no result");
        return new TaskResult(taskId, result.Shots, result.Seed, SampledResult.CountsOf(result), result.BoundSnapshotVersion);
    }

    /// <summary>The task record's lifecycle fields, one `name: value` line each (the runner's log stays on the agent).</summary>
    public async Task<string> TaskLogsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var log = new StringBuilder();
        (string, object?)[] fields = [("state", task.State.Name()), ("step", task.Step), ("attempt", task.Attempt), ("owner", task.Owner),
            ("boundSnapshotVersion", task.BoundSnapshotVersion), ("createdAt", task.CreatedAt), ("claimedAt", task.ClaimedAt),
            ("submittedAt", task.SubmittedAt), ("finishedAt", task.FinishedAt)];
        foreach (var (name, value) in fields)
            if (value is not null) log.Append(CultureInfo.InvariantCulture, $"{name}: {(value is DateTimeOffset at ? at.ToString("O", CultureInfo.InvariantCulture) : value)}\n");
        if (task.Error is { } error) log.Append(CultureInfo.InvariantCulture, $"error: {error.Code} ({error.Origin}): {error.Message}{(error.Detail is null ? "" : " " + error.Detail)}\n");
        return log.ToString();
    }

    public async Task<DeviceSnapshot> TargetAsync(CancellationToken cancellationToken = default) =>
        SnapshotJson.Deserialize((await DeviceRecordAsync(cancellationToken).ConfigureAwait(false)).ToJsonString());

    public async Task<IReadOnlyDictionary<string, string>> MetadataAsync(CancellationToken cancellationToken = default)
    {
        var record = await DeviceRecordAsync(cancellationToken).ConfigureAwait(false);
        var leases = await _errors.CallAsync(_client.GetDeviceLeasesAsync(Device, cancellationToken), cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = ResourceId,
            ["type"] = Type,
            ["device"] = Device,
            ["url"] = Url.ToString(),
        };
        foreach (var (key, value) in record)
            if (value is JsonValue scalar) metadata[key] = scalar.ToJsonString().Trim('"');
        metadata["lanes"] = leases.Lanes.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>Calibration figures from the snapshot; lanes, lanes in use and queue depth from the device's lease listing.</summary>
    public async Task<ResourceMetrics> MetricsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await TargetAsync(cancellationToken).ConfigureAwait(false);
        var leases = await _errors.CallAsync(_client.GetDeviceLeasesAsync(Device, cancellationToken), cancellationToken).ConfigureAwait(false);
        return SnapshotFigures.Metrics(snapshot, _time.GetUtcNow(), (int)leases.QueueDepth, leases.Lanes, leases.LanesInUse);
    }

    /// <summary>The device record as JSON: the current snapshot, whose scalar members are also the metadata.</summary>
    private Task<JsonObject> DeviceRecordAsync(CancellationToken cancellationToken) =>
        _errors.CallAsync(ParseRecordAsync(_client.GetDeviceJsonAsync(Device, cancellationToken: cancellationToken)), cancellationToken);

    private async Task<JsonObject> ParseRecordAsync(Task<string> json) =>
        JsonNode.Parse(await json.ConfigureAwait(false)) as JsonObject ?? throw new QrmiProtocolException($"device '{Device}' is not a JSON object");

    private Task<TaskView> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        _errors.CallAsync(_client.GetTaskAsync(TaskGuid(taskId), cancellationToken), cancellationToken);

    /// <summary>The control plane's task ids are GUIDs: any other id names no task, which is what the server would answer.</summary>
    private static Guid TaskGuid(string taskId) => Guid.TryParse(taskId, out var id) ? id : throw new QuantumTaskNotFoundException(taskId);

    private static QuantumTaskStatus Status(TaskView task) => QuantumTaskStatuses.Parse(task.State.Name());

    private static Lease ToLease(LeaseGrantView grant) =>
        new(grant.Token, grant.LeaseId.ToString(), grant.Device, grant.Lane, grant.Exclusive, grant.Holder, grant.ExpiresAt);
}
