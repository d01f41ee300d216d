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
    private readonly IReadOnlyList<string>? _commands;
    private readonly ReportBatcher _reports;
    private (Func<int, int> Reserve, Func<IReadOnlyList<ClaimAnswer.Claimed>, int, Task> Claimed)? _claimWithReports;

    /// <param name="http">Its BaseAddress is the server URL; its Timeout should be infinite (each call sets its own).</param>
    /// <param name="pools">Sent with every heartbeat; none are left out of it, so a server older than pools sees the heartbeat it knows.</param>
    /// <param name="commands">The names of the commands agent.json declares, sent with every heartbeat (left out when none, as pools are).</param>
    public HttpControlPlane(HttpClient http, string apiKey, string agentId, IReadOnlyList<string>? devices = null, IReadOnlyList<PoolDeclaration>? pools = null,
        IReadOnlyList<string>? commands = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _agentId = agentId;
        _devices = devices is { Count: > 0 } ? devices : null;
        _pools = pools is { Count: > 0 } ? pools : null;
        _commands = commands is { Count: > 0 } ? commands : null;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _reports = new ReportBatcher(SendReports);
    }

    public async Task<ClaimAnswer> ClaimAsync(string incarnation, int capacity, TimeSpan wait, CancellationToken cancellationToken, int max = 1)
    {
        // Max is left out for one task, so a server older than batched claims sees the claim it knows.
        var body = new ClaimRequest(_agentId, capacity, _devices, (int)wait.TotalMilliseconds, incarnation, max > 1 ? max : null);
        using var response = await Send("v1/agent/claim", JsonContent.Create(body, Json.ClaimRequest), wait + Slack, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent) return new ClaimAnswer.NoWork();
        await EnsureSuccess(response, "claim", cancellationToken).ConfigureAwait(false);
        return Claimed(await Read(response, Json.ClaimResponse, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A claim's answer as the worker takes it: each task with its snapshot (each distinct snapshot read once).</summary>
    private static ClaimAnswer.Claimed Claimed(ClaimResponse claim)
    {
        var snapshots = new Dictionary<string, DeviceSnapshot>(StringComparer.Ordinal);
        ClaimAnswer.Claimed One(ClaimResponse one)
        {
            var raw = one.Snapshot.GetRawText();
            if (!snapshots.TryGetValue(raw, out var snapshot))
            {
                try
                {
                    snapshots[raw] = snapshot = SnapshotJson.Deserialize(raw);
                }
                catch (QonduitException e)
                {
                    throw new ControlPlaneUnavailableException($"the claim answer carries an unreadable snapshot: {e.Message}", e);
                }
            }
            var t = one.Task;
            return new ClaimAnswer.Claimed(new ClaimedTask(t.Id.ToString(), t.Device, t.Dialect, t.Circuit, t.Shots, t.Seed, t.Attempt, t.BoundSnapshotVersion, t.Transpile, t.Trajectories, t.Command), snapshot);
        }
        return One(claim) with { More = [.. claim.All.Skip(1).Select(One)] };
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
            indices.Count == 0 ? null : indices, _commands);
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
        Report(incarnation, taskId, id => new TaskReport(id, TaskReport.Running, SchedulerJobId: schedulerJobId, SurvivesAgent: jobHeldByCluster), cancellationToken);

    public Task<ReportAnswer> ReportCompletedAsync(string incarnation, string taskId, RunResult result, CancellationToken cancellationToken) =>
        Report(incarnation, taskId, id => new TaskReport(id, TaskReport.Completed, Result: result), cancellationToken);

    public Task<ReportAnswer> ReportFailedAsync(string incarnation, string taskId, TaskFailure failure, CancellationToken cancellationToken) =>
        Report(incarnation, taskId, id => new TaskReport(id, TaskReport.Failed, Code: failure.Code, Origin: failure.Origin, Message: failure.Message), cancellationToken);

    /// <summary>
    /// A report goes out at once when none is on its way; those made meanwhile wait and leave together in the next
    /// `POST /v1/agent/reports` (<see cref="ReportBatcher"/>), so a busy agent sends one call per batch rather than per task.
    /// </summary>
    private Task<ReportAnswer> Report(string incarnation, string taskId, Func<Guid, TaskReport> report, CancellationToken cancellationToken) =>
        Guid.TryParse(taskId, out var id)
            ? _reports.ReportAsync(incarnation, report(id), cancellationToken)
            // No task of the server has such an id: it would answer 404 to it.
            : Task.FromResult<ReportAnswer>(new ReportAnswer.Rejected(404, ErrorCodes.Task.NotFound, $"no task {taskId}"));

    public void ClaimWithReports(Func<int, int> reserve, Func<IReadOnlyList<ClaimAnswer.Claimed>, int, Task> claimed) => _claimWithReports = (reserve, claimed);

    /// <summary>One call of reports; when the worker lets them, its final reports claim their successors (`claimMax`).</summary>
    private async Task<IReadOnlyList<ReportAnswer>> SendReports(string incarnation, IReadOnlyList<TaskReport> reports)
    {
        var finals = reports.Count(r => r.Kind is TaskReport.Completed or TaskReport.Failed);
        var hook = _claimWithReports;
        var reserved = hook is { } h && finals > 0 ? h.Reserve(finals) : 0;
        IReadOnlyList<ClaimAnswer.Claimed> claimed = [];
        try
        {
            var (answers, claim) = await PostReports(incarnation, reports, reserved).ConfigureAwait(false);
            try
            {
                if (claim is not null) claimed = [.. Claimed(claim).All];
            }
            catch (ControlPlaneUnavailableException)
            {
                // The reports stand; tasks claimed with an unreadable snapshot are not held, so the heartbeats that omit
                // them send them back to the queue.
            }
            return answers;
        }
        finally
        {
            if (reserved > 0) _ = hook!.Value.Claimed(claimed, reserved - claimed.Count);
        }
    }

    private async Task<(IReadOnlyList<ReportAnswer> Answers, ClaimResponse? Claimed)> PostReports(string incarnation, IReadOnlyList<TaskReport> reports, int claimMax)
    {
        var request = new ReportsRequest(_agentId, reports, incarnation, claimMax > 0 ? claimMax : null, claimMax > 0 ? _devices : null);
        using var response = await Send("v1/agent/reports", JsonContent.Create(request, Json.ReportsRequest), Slack, CancellationToken.None).ConfigureAwait(false);
        if (IsFinal(response.StatusCode))
        {
            // The batch as a whole is refused (an entry the server cannot read): each report alone learns its own fate,
            // so one bad report does not take the others down with it.
            if (reports.Count > 1)
                return ([.. (await Task.WhenAll(reports.Select(r => PostReports(incarnation, [r], 0))).ConfigureAwait(false)).SelectMany(a => a.Answers)], null);
            var problem = await Problem(response, CancellationToken.None).ConfigureAwait(false);
            return ([new ReportAnswer.Rejected((int)response.StatusCode, problem.Code ?? ErrorCodes.ForStatus((int)response.StatusCode), problem.Detail ?? problem.Title ?? "")], null);
        }
        await EnsureSuccess(response, "reports", CancellationToken.None).ConfigureAwait(false);
        var answer = await Read(response, Json.ReportsResponse, CancellationToken.None).ConfigureAwait(false);
        if (answer.Outcomes.Count != reports.Count)
            throw new ControlPlaneUnavailableException($"the server answered {answer.Outcomes.Count} outcomes to {reports.Count} reports");
        return ([.. answer.Outcomes.Select(o => o.Status is >= 200 and < 300
            ? (ReportAnswer)new ReportAnswer.Accepted()
            : new ReportAnswer.Rejected(o.Status, o.Code ?? ErrorCodes.ForStatus(o.Status), o.Detail ?? ""))], answer.Claimed);
    }

    private static List<string> Names(IReadOnlyList<Guid>? ids) => ids is null ? [] : [.. ids.Select(id => id.ToString())];

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
