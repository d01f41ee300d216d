using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Qonduit.Client.Primitives;
using Qonduit.Devices.Snapshots;
using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>
/// A device of a Qonduit control plane, reached over REST. Settings (qrmi_config.json `environment`, or
/// <c>{name}_QRMI_*</c> variables): <c>QRMI_QONDUIT_URL</c> (required), <c>QRMI_QONDUIT_API_KEY</c>,
/// <c>QRMI_QONDUIT_DEVICE</c> (default: the resource name) and the job's <c>QRMI_JOB_ACQUISITION_TOKEN</c>,
/// which tasks are accounted to when they name no lease of their own.
/// </summary>
public sealed class QonduitVqpuResource : IQuantumResource
{
    public const string UrlKey = QpuJob.UrlKey;
    public const string ApiKeyKey = QpuJob.ApiKeyKey;
    public const string DeviceKey = QpuJob.DeviceKey;

    private readonly QonduitRestClient _client;
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
        _client = new QonduitRestClient(http, baseUrl, definition.Get(ApiKeyKey), definition.Name);
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
            var record = await _client.GetDeviceAsync(Device, cancellationToken).ConfigureAwait(false);
            return QonduitRestClient.ReadString(record, "status") is null or "online";
        }
        catch (QrmiException)
        {
            return false;
        }
    }

    public Task<Lease> AcquireAsync(LeaseRequest request, CancellationToken cancellationToken = default) =>
        _client.CreateLeaseAsync(Device, request, cancellationToken);

    public Task ReleaseAsync(string token, CancellationToken cancellationToken = default) =>
        _client.ReleaseLeaseAsync(token, cancellationToken);

    public Task<Lease> RenewAsync(string token, TimeSpan? ttl, CancellationToken cancellationToken = default) =>
        _client.RenewLeaseAsync(token, ttl, cancellationToken);

    public Task<string> TaskStartAsync(TaskPayload payload, CancellationToken cancellationToken = default) =>
        _client.SubmitTaskAsync(Device, payload, payload.LeaseToken ?? _jobToken, cancellationToken);

    public Task TaskStopAsync(string taskId, CancellationToken cancellationToken = default) =>
        _client.CancelTaskAsync(taskId, cancellationToken);

    public async Task<QuantumTaskStatus> TaskStatusAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var record = await _client.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        return QuantumTaskStatuses.Parse(QonduitRestClient.ReadString(record, "state")
            ?? throw new QrmiProtocolException($"task '{taskId}' has no \"state\""));
    }

    public async Task<TaskResult> TaskResultAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var record = await _client.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var status = QuantumTaskStatuses.Parse(QonduitRestClient.ReadString(record, "state") ?? "queued");
        if (status != QuantumTaskStatus.Completed)
            throw new TaskNotCompletedException(taskId, status, QonduitRestClient.ReadString(record["error"], "message"));
        // The server wraps the runner's result document: {taskId, state, boundSnapshotVersion, result: {...}, error}.
        var answer = await _client.GetResultAsync(taskId, cancellationToken).ConfigureAwait(false);
        var result = ResultReader.Read(taskId, answer["counts"] is JsonObject ? answer : answer["result"] as JsonObject ?? answer);
        return result.BoundSnapshotVersion is null ? result with { BoundSnapshotVersion = QonduitRestClient.ReadInt(answer, "boundSnapshotVersion") } : result;
    }

    public async Task<string> TaskLogsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var record = await _client.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var log = new StringBuilder();
        foreach (var field in (string[])["state", "phase", "attempt", "owner", "boundSnapshotVersion", "createdAt", "claimedAt", "submittedAt", "finishedAt"])
            if (record[field] is JsonValue value) log.Append(CultureInfo.InvariantCulture, $"{field}: {value.ToJsonString().Trim('"')}\n");
        if (record["error"] is JsonObject error) log.Append(CultureInfo.InvariantCulture, $"error: {error.ToJsonString()}\n");
        return log.ToString();
    }

    public Task<DeviceSnapshot> TargetAsync(CancellationToken cancellationToken = default) =>
        _client.GetSnapshotAsync(Device, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> MetadataAsync(CancellationToken cancellationToken = default)
    {
        var record = await _client.GetDeviceAsync(Device, cancellationToken).ConfigureAwait(false);
        var leases = await _client.GetDeviceLeasesAsync(Device, cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = ResourceId,
            ["type"] = Type,
            ["device"] = Device,
            ["url"] = Url.ToString(),
        };
        foreach (var (key, value) in record)
            if (value is JsonValue scalar) metadata[key] = scalar.ToJsonString().Trim('"');
        if (QonduitRestClient.ReadInt(leases, "lanes") is { } lanes) metadata["lanes"] = lanes.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>Calibration figures from the snapshot; lanes, lanes in use and queue depth from the device's lease listing.</summary>
    public async Task<ResourceMetrics> MetricsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _client.GetSnapshotAsync(Device, cancellationToken).ConfigureAwait(false);
        var leases = await _client.GetDeviceLeasesAsync(Device, cancellationToken).ConfigureAwait(false);
        var lanes = QonduitRestClient.ReadInt(leases, "lanes") ?? throw new QrmiProtocolException($"the leases of '{Device}' have no \"lanes\"");
        var inUse = QonduitRestClient.ReadInt(leases, "lanesInUse") ?? (leases["leases"] as JsonArray)?.Count ?? 0;
        var queued = QonduitRestClient.ReadInt(leases, "queueDepth") ?? 0;
        return SnapshotFigures.Metrics(snapshot, _time.GetUtcNow(), queued, lanes, inUse);
    }
}
