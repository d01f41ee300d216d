using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Qonduit.Contracts;
using Qonduit.Contracts.Devices;
using Qonduit.Contracts.Problems;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Client;

/// <summary>
/// Typed client of the control plane's REST API (docs/architecture.md "REST API"). Every refusal is a
/// <see cref="QonduitApiException"/> carrying the server's problem details.
/// </summary>
public sealed partial class QonduitClient
{
    /// <summary>How often <see cref="SubmitAndWaitAsync"/> reads a running task unless told otherwise.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan AbandonedCancelTimeout = TimeSpan.FromSeconds(10);
    private static readonly WireJson Json = WireJson.Default;
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

    public Task<TaskView> SubmitAsync(SubmitTaskRequest task, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v1/tasks", task, Json.SubmitTaskRequest, Json.TaskView, cancellationToken);

    /// <summary>
    /// Submits <paramref name="task"/>, waits until it is terminal and returns its result. Cancelling
    /// <paramref name="cancellationToken"/> cancels the task on the server too, then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="pollInterval">How often the task is read while it runs; <see cref="DefaultPollInterval"/> when null.</param>
    public async Task<TaskResultView> SubmitAndWaitAsync(SubmitTaskRequest task, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        // A submission cancelled in flight may still have been stored: it runs to its answer (within a bound) so that the
        // task it created can be cancelled as well.
        TaskView submitted;
        using (var submitting = new CancellationTokenSource())
        using (cancellationToken.Register(() => submitting.CancelAfter(AbandonedCancelTimeout)))
        {
            submitted = await SubmitAsync(task, submitting.Token).ConfigureAwait(false);
        }
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WaitAsync(submitted.Id, pollInterval ?? DefaultPollInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAbandonedAsync(submitted.Id).ConfigureAwait(false);
            throw;
        }
        return await GetResultAsync(submitted.Id, cancellationToken).ConfigureAwait(false);
    }

    public Task<TaskView> GetTaskAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/tasks/{id}", Json.TaskView, cancellationToken);

    public Task<TaskPage> ListTasksAsync(TaskQueryOptions? query = null, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        if (query?.State is { } state) parts.Add("state=" + state.Name());
        if (query?.Device is { } device) parts.Add("device=" + Uri.EscapeDataString(device));
        if (query?.Cursor is { } cursor) parts.Add("cursor=" + Uri.EscapeDataString(cursor));
        if (query?.Limit is { } limit) parts.Add("limit=" + limit);
        return SendAsync(HttpMethod.Get, "v1/tasks" + (parts.Count > 0 ? "?" + string.Join('&', parts) : ""), Json.TaskPage, cancellationToken);
    }

    public Task<TaskView> CancelAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{id}/cancel", Json.TaskView, cancellationToken);

    /// <summary>The result of a terminal task (the runner's result when it completed); a task not yet terminal is a 409 `task.not-terminal`.</summary>
    public Task<TaskResultView> GetResultAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/tasks/{id}/result", Json.TaskResultView, cancellationToken);

    public async Task<IReadOnlyList<DeviceListEntry>> ListDevicesAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "v1/devices", Json.ListDeviceListEntry, cancellationToken).ConfigureAwait(false);

    /// <summary>The current snapshot of a device, as the server's JSON (parse with SnapshotJson).</summary>
    public Task<string> GetDeviceJsonAsync(string device, int? version = null, CancellationToken cancellationToken = default) =>
        SendForTextAsync(version is null ? $"v1/devices/{Uri.EscapeDataString(device)}" : $"v1/devices/{Uri.EscapeDataString(device)}/snapshots/{version}", cancellationToken);

    public async Task<IReadOnlyList<DeviceVersionSummary>> DeviceHistoryAsync(string device, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, $"v1/devices/{Uri.EscapeDataString(device)}/snapshots", Json.ListDeviceVersionSummary, cancellationToken).ConfigureAwait(false);

    public Task<DeviceChangeView> RegisterDeviceAsync(string device, DeviceRegistrationRequest registration, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"v1/devices/{Uri.EscapeDataString(device)}", registration, Json.DeviceRegistrationRequest, Json.DeviceChangeView, cancellationToken);

    public Task<DeviceChangeView> PatchDeviceAsync(string device, DevicePatchRequest patch, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"v1/devices/{Uri.EscapeDataString(device)}", patch, Json.DevicePatchRequest, Json.DeviceChangeView, cancellationToken);

    public Task<ViabilityView> CheckViabilityAsync(string device, ViabilityRequest query, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/devices/{Uri.EscapeDataString(device)}/viability", query, Json.ViabilityRequest, Json.ViabilityView, cancellationToken);

    /// <summary>Polls until the task is terminal (the server's SSE stream is the push alternative: <see cref="EventsAsync"/>).</summary>
    public async Task<TaskView> WaitAsync(Guid id, TimeSpan pollInterval, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var task = await GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
            if (task.State.IsTerminal()) return task;
            await Task.Delay(pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    // The caller gave up on the task; the server should not run it for nobody. The caller's token is already cancelled,
    // so the cancel has its own bound; a task that ended meanwhile (409) or a server out of reach leaves nothing to do.
    private async Task CancelAbandonedAsync(Guid id)
    {
        using var bound = new CancellationTokenSource(AbandonedCancelTimeout);
        try
        {
            await CancelAsync(id, bound.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is QonduitApiException or HttpRequestException or OperationCanceledException)
        {
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
