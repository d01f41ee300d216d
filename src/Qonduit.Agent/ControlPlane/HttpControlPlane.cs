using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Circuits;
using Qonduit.Contracts;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Problems;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Agent.ControlPlane;

/// <summary>
/// The agent protocol over HTTP: outbound calls only, `Authorization: Bearer &lt;agent key&gt;`. A 4xx answer to a report is
/// final (<see cref="ReportAnswer.Rejected"/>); 403 agent.id-bound-to-other-key to any call is <see cref="AgentIdTakenException"/>;
/// no answer, 5xx, other 401/403 and 429 are <see cref="ControlPlaneUnavailableException"/>.
/// </summary>
public sealed class HttpControlPlane : IControlPlane
{
    /// <summary>Added to the long-poll wait before the agent gives up on an answer.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(30);

    private static readonly WireJson Json = WireJson.Default;

    private readonly HttpClient _http;
    private readonly string _agentId;
    private readonly IReadOnlyList<string>? _devices;
    private readonly IReadOnlyList<PoolDeclaration>? _pools;

    /// <param name="http">Its BaseAddress is the server URL; its Timeout should be infinite (each call sets its own).</param>
    /// <param name="pools">Sent with every heartbeat; none are left out of it, so a server older than pools sees the heartbeat it knows.</param>
    public HttpControlPlane(HttpClient http, string apiKey, string agentId, IReadOnlyList<string>? devices = null, IReadOnlyList<PoolDeclaration>? pools = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _agentId = agentId;
        _devices = devices is { Count: > 0 } ? devices : null;
        _pools = pools is { Count: > 0 } ? pools : null;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async Task<ClaimAnswer> ClaimAsync(string incarnation, int capacity, TimeSpan wait, CancellationToken cancellationToken)
    {
        var body = new ClaimRequest(_agentId, capacity, _devices, (int)wait.TotalMilliseconds, incarnation);
        using var response = await Send("v1/agent/claim", JsonContent.Create(body, Json.ClaimRequest), wait + Slack, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent) return new ClaimAnswer.NoWork();
        await EnsureSuccess(response, "claim", cancellationToken).ConfigureAwait(false);
        var claim = await Read(response, Json.ClaimResponse, cancellationToken).ConfigureAwait(false);
        DeviceSnapshot snapshot;
        try
        {
            snapshot = SnapshotJson.Deserialize(claim.Snapshot.GetRawText());
        }
        catch (QonduitException e)
        {
            throw new ControlPlaneUnavailableException($"the claim answer carries an unreadable snapshot: {e.Message}", e);
        }
        var t = claim.Task;
        return new ClaimAnswer.Claimed(new ClaimedTask(t.Id.ToString(), t.Device, t.Dialect, t.Circuit, t.Shots, t.Seed, t.Attempt, t.BoundSnapshotVersion, t.Transpile, t.Trajectories), snapshot);
    }

    public async Task<HeartbeatAnswer> HeartbeatAsync(
        string incarnation, IReadOnlyCollection<string> taskIds, IReadOnlyDictionary<string, TaskProgress> progress, TimeSpan interval,
        TimeSpan waitForCancellation, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> indices,
        CancellationToken cancellationToken)
    {
        // Ids that are not the server's (a stray run directory) cannot be owned by this agent; the server would refuse the list.
        var ids = taskIds.Select(id => Guid.TryParse(id, out var guid) ? guid : (Guid?)null).OfType<Guid>().ToList();
        // Progress is left out when no task has any, so a server older than progress sees the heartbeat it knows.
        var known = new Dictionary<Guid, TaskProgress>();
        foreach (var (id, latest) in progress)
        {
            if (Guid.TryParse(id, out var guid)) known[guid] = latest;
        }
        var body = new HeartbeatRequest(_agentId, ids, incarnation, (int)Math.Clamp(interval.TotalMilliseconds, 1, int.MaxValue),
            known.Count == 0 ? null : known, waitForCancellation > TimeSpan.Zero ? (int)waitForCancellation.TotalMilliseconds : null, _pools,
            indices.Count == 0 ? null : indices);
        using var response = await Send("v1/agent/heartbeat", JsonContent.Create(body, Json.HeartbeatRequest), waitForCancellation + Slack, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccess(response, "heartbeat", cancellationToken).ConfigureAwait(false);
        var answer = await Read(response, Json.HeartbeatResponse, cancellationToken).ConfigureAwait(false);
        return new HeartbeatAnswer(Names(answer.Cancelled), Names(answer.Unknown), answer.LoadIndicesVersion) { Interrupted = Names(answer.Interrupted) };
    }

    public async Task<LoadIndexCatalogView> LoadIndicesAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Slack);
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync("v1/loadindices", deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ControlPlaneUnavailableException($"GET v1/loadindices: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ControlPlaneUnavailableException($"GET v1/loadindices: no answer within {Slack.TotalSeconds:0} s", e);
        }
        using (response)
        {
            await EnsureSuccess(response, "loadindices", cancellationToken).ConfigureAwait(false);
            return await Read(response, Json.LoadIndexCatalogView, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<ReportAnswer> ReportRunningAsync(string incarnation, string taskId, string schedulerJobId, bool jobHeldByCluster, CancellationToken cancellationToken) =>
        Report(taskId, "running", JsonContent.Create(new ReportRunningRequest(_agentId, schedulerJobId, incarnation, jobHeldByCluster), Json.ReportRunningRequest),
            cancellationToken);

    public Task<ReportAnswer> ReportCompletedAsync(string incarnation, string taskId, RunResult result, CancellationToken cancellationToken) =>
        Report(taskId, "completed", JsonContent.Create(new ReportCompletedRequest(_agentId, result, incarnation), Json.ReportCompletedRequest), cancellationToken);

    public Task<ReportAnswer> ReportFailedAsync(string incarnation, string taskId, TaskFailure failure, CancellationToken cancellationToken) =>
        Report(taskId, "failed", JsonContent.Create(new ReportFailedRequest(_agentId, failure.Code, failure.Origin, failure.Message, Incarnation: incarnation),
            Json.ReportFailedRequest), cancellationToken);

    private static List<string> Names(IReadOnlyList<Guid>? ids) => ids is null ? [] : [.. ids.Select(id => id.ToString())];

    private async Task<ReportAnswer> Report(string taskId, string verb, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await Send($"v1/tasks/{Uri.EscapeDataString(taskId)}/{verb}", content, Slack, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return new ReportAnswer.Accepted();
        if (IsFinal(response.StatusCode))
        {
            var problem = await Problem(response, cancellationToken).ConfigureAwait(false);
            return new ReportAnswer.Rejected((int)response.StatusCode, problem.Code ?? ErrorCodes.ForStatus((int)response.StatusCode), problem.Detail ?? problem.Title ?? "");
        }
        await EnsureSuccess(response, $"report-{verb}", cancellationToken).ConfigureAwait(false);
        return new ReportAnswer.Accepted();
    }

    private async Task<HttpResponseMessage> Send(string path, HttpContent content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using (content)
                return await _http.PostAsync(path, content, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ControlPlaneUnavailableException($"POST {path}: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ControlPlaneUnavailableException($"POST {path}: no answer within {timeout.TotalSeconds:0} s", e);
        }
    }

    // A 4xx other than these says the request itself is refused; repeating it cannot help.
    private static bool IsFinal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static async Task EnsureSuccess(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var problem = await Problem(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden && problem.Code == ErrorCodes.Agent.IdBoundToOtherKey)
            throw new AgentIdTakenException(problem.Detail ?? problem.Title ?? "the agent id is bound to another key");
        throw new ControlPlaneUnavailableException(
            $"{call}: HTTP {(int)response.StatusCode} {problem.Code} {problem.Detail ?? problem.Title}".TrimEnd());
    }

    private static async Task<T> Read<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new ControlPlaneUnavailableException($"the server answered null to {response.RequestMessage?.RequestUri}");
        }
        catch (JsonException e)
        {
            throw new ControlPlaneUnavailableException($"the server's answer to {response.RequestMessage?.RequestUri} is not the agent protocol: {e.Message}", e);
        }
    }

    private static async Task<ApiProblem> Problem(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(Json.ApiProblem, cancellationToken).ConfigureAwait(false) ?? new ApiProblem();
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return new ApiProblem { Title = response.ReasonPhrase };
        }
    }
}
