using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;

namespace Qonduit.Client;

/// <summary>
/// Typed client of the control plane's REST API (docs/architecture.md "REST API"). Every refusal is a
/// <see cref="QonduitApiException"/> carrying the server's problem details.
/// </summary>
public sealed partial class QonduitClient
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;
    private readonly HttpClient _http;
    private readonly string? _apiKey;
    private readonly Uri? _server;

    /// <param name="http">Its BaseAddress is the server (e.g. http://127.0.0.1:8080/).</param>
    public QonduitClient(HttpClient http, string? apiKey)
    {
        _http = http;
        _apiKey = apiKey;
    }

    /// <summary>For an HttpClient shared by clients of several servers (one connection pool), so it has no BaseAddress.</summary>
    /// <param name="server">Ends with '/' so the API's relative paths resolve below it.</param>
    public QonduitClient(HttpClient http, Uri server, string? apiKey) : this(http, apiKey) => _server = server;

    public QonduitClient(Uri server, string? apiKey) : this(new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan }, apiKey)
    {
    }

    public Task<QuantumTask> SubmitAsync(SubmitTask task, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/tasks", task, Json.SubmitTask, Json.QuantumTask, cancellationToken);

    public Task<QuantumTask> GetTaskAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/tasks/{id}", Json.QuantumTask, cancellationToken);

    public Task<QuantumTaskPage> ListTasksAsync(TaskQueryOptions? query = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        if (query?.State is { } state) parts.Add("state=" + state.Name());
        if (query?.Device is { } device) parts.Add("device=" + Uri.EscapeDataString(device));
        if (query?.Cursor is { } cursor) parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        if (query?.Limit is { } limit) parts.Add("limit=" + limit);
        return SendAsync(HttpMethod.Get, "v1/tasks" + (parts.Count > 0 ? "?" + string.Join('&', parts) : ""), Json.QuantumTaskPage, cancellationToken);
    }

    public Task<QuantumTask> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/cancel", Json.QuantumTask, cancellationToken);

    /// <summary>The result of a terminal task; a task not yet terminal is a 409 `task.not-terminal`.</summary>
    public Task<QuantumTaskResult> GetResultAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/tasks/{id}/result", Json.QuantumTaskResult, cancellationToken);

    public async Task<IReadOnlyList<DeviceSummary>> ListDevicesAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "v1/devices", Json.ListDeviceSummary, cancellationToken).ConfigureAwait(false);

    /// <summary>The current snapshot of a device, as the server's JSON (parse with SnapshotJson).</summary>
    public Task<string> GetDeviceJsonAsync(string device, int? version = null, CancellationToken cancellationToken = default) =>
        SendForTextAsync(version is null ? $"v1/devices/{Uri.EscapeDataString(device)}" : $"v1/devices/{Uri.EscapeDataString(device)}/snapshots/{version}", cancellationToken);

    public async Task<IReadOnlyList<DeviceSummary>> DeviceHistoryAsync(string device, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, $"v1/devices/{Uri.EscapeDataString(device)}/snapshots", Json.ListDeviceSummary, cancellationToken).ConfigureAwait(false);

    public Task<DeviceChange> RegisterDeviceAsync(string device, DeviceRegistration registration, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"v1/devices/{Uri.EscapeDataString(device)}", registration, Json.DeviceRegistration, Json.DeviceChange, cancellationToken);

    public Task<DeviceChange> PatchDeviceAsync(string device, DevicePatch patch, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"v1/devices/{Uri.EscapeDataString(device)}", patch, Json.DevicePatch, Json.DeviceChange, cancellationToken);

    public Task<Viability> CheckViabilityAsync(string device, ViabilityQuery query, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/devices/{Uri.EscapeDataString(device)}/viability", query, Json.ViabilityQuery, Json.Viability, cancellationToken);

    /// <summary>CLAIM: waits up to <see cref="ClaimRequest.WaitMs"/>; null when no task arrived (204).</summary>
    public Task<ClaimedWork?> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken = default) =>
        SendOptionalAsync(HttpMethod.Post, "v1/agent/claim", request, Json.ClaimRequest, Json.ClaimedWork, cancellationToken);

    public Task<HeartbeatAnswer> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/agent/heartbeat", request, Json.HeartbeatRequest, Json.HeartbeatAnswer, cancellationToken);

    public Task<QuantumTask> ReportRunningAsync(Guid id, ReportRunning report, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/running", report, Json.ReportRunning, Json.QuantumTask, cancellationToken);

    public Task<QuantumTask> ReportCompletedAsync(Guid id, ReportCompleted report, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/completed", report, Json.ReportCompleted, Json.QuantumTask, cancellationToken);

    public Task<QuantumTask> ReportFailedAsync(Guid id, ReportFailed report, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/failed", report, Json.ReportFailed, Json.QuantumTask, cancellationToken);

    public Task<QuantumTask> RequeueAsync(Guid id, bool force = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/requeue", new RequeueOptions(force), Json.RequeueOptions, Json.QuantumTask, cancellationToken);

    public Task<QuantumTask> ForceFailAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/force-fail", new ForceFailure(reason), Json.ForceFailure, Json.QuantumTask, cancellationToken);

    public async Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "v1/agents", Json.ListAgentInfo, cancellationToken).ConfigureAwait(false);

    /// <summary>Polls until the task is terminal (the server's SSE stream is the push alternative: <see cref="EventsAsync"/>).</summary>
    public async Task<QuantumTask> WaitAsync(Guid id, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var task = await GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
            if (task.State.IsTerminal()) return task;
            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, _server is null ? new Uri(path, UriKind.RelativeOrAbsolute) : new Uri(_server, path));
        if (_apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return request;
    }

    private async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        return await ReadAsync(request, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        request.Content = JsonContent.Create(body, requestType);
        return await ReadAsync(request, response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse?> SendOptionalAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken)
        where TResponse : class
    {
        using var request = Request(method, path);
        request.Content = JsonContent.Create(body, requestType);
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode == HttpStatusCode.NoContent) return null;
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> SendForTextAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
        return await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> ReadAsync<TResponse>(HttpRequestMessage request, JsonTypeInfo<TResponse> response, CancellationToken cancellationToken)
    {
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
        return await answer.Content.ReadFromJsonAsync(response, cancellationToken).ConfigureAwait(false)
            ?? throw new QonduitApiException(answer.StatusCode, new ApiProblem { Code = ErrorCodes.Client.EmptyResponse, Detail = "the server answered with no body" });
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        if (answer.IsSuccessStatusCode) return;
        var body = await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ApiProblem? problem = null;
        if (answer.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = System.Text.Json.JsonSerializer.Deserialize(body, Json.ApiProblem);
            }
            catch (System.Text.Json.JsonException)
            {
                problem = null;
            }
        }
        throw new QonduitApiException(answer.StatusCode, problem ?? new ApiProblem
        {
            Status = (int)answer.StatusCode,
            Detail = body.Length > 0 ? Truncate(body) : $"HTTP {(int)answer.StatusCode} {answer.ReasonPhrase}",
        });
    }

    private static string Truncate(string text) => text.Length <= 500 ? text : new StringBuilder(text, 0, 500, 503).Append("...").ToString();
}
