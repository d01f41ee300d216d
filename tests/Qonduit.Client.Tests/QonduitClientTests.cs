using System.Net;
using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Events;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Client.Tests;

/// <summary><see cref="QonduitClient"/> against the real control plane in process; the agent's own HTTP adapter plays the agent.</summary>
public sealed class QonduitClientTests : IAsyncLifetime
{
    private ControlPlaneHost _host = null!;
    private QonduitClient _admin = null!;
    private QonduitClient _user = null!;
    private HttpControlPlane _agent = null!;

    public async Task InitializeAsync()
    {
        _host = await ControlPlaneHost.StartAsync();
        _admin = new QonduitClient(_host.Admin, apiKey: null);
        _user = new QonduitClient(_host.Alice, apiKey: null);
        var agentKey = await _host.KeyAsync("agent", ApiKeyRole.Agent);
        _agent = new HttpControlPlane(_host.WithKey(agentKey), agentKey, "agent-1");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_task_goes_from_submit_through_claim_and_report_to_its_typed_result()
    {
        var task = await _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 100, Seed: 5));
        Assert.Equal(TaskState.Queued, task.State);
        var claimed = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.Zero, default));
        Assert.Equal((task.Id.ToString(), "line5"), (claimed.Task.Id, claimed.Snapshot.Device));
        await _agent.ReportRunningAsync("i-1", claimed.Task.Id, "job-7", jobHeldByCluster: false, default);
        var report = Samples.Result(new Dictionary<string, int> { ["00"] = 70, ["11"] = 30 }) with
        {
            Transpilation = new([1, 0], [0, 1], 1, new(3, 3, 1), new(4, 6, 1), ["layout", "routing"]),
        };
        Assert.IsType<ReportAnswer.Accepted>(await _agent.ReportCompletedAsync("i-1", claimed.Task.Id, report, default));

        var result = await _user.GetResultAsync(task.Id);
        Assert.Equal(TaskState.Completed, result.State);
        Assert.Equal(new Dictionary<string, int> { ["00"] = 70, ["11"] = 30 }, result.Result!.Counts);
        Assert.Equal([1, 0], result.Result.Transpilation!.InitialLayout);
        Assert.Equal((1, 6), (result.Result.Transpilation.Swaps, result.Result.Transpilation.After.Gates));
        Assert.Equal([task.Id], (await _user.ListTasksAsync(new TaskQueryOptions(TaskState.Completed))).Items.Select(t => t.Id));
        Assert.IsType<ClaimAnswer.NoWork>(await _agent.ClaimAsync("i-1", 1, TimeSpan.Zero, default));
    }

    [Fact]
    public async Task A_trajectory_budget_travels_with_the_task_to_the_agent_and_back_in_the_result()
    {
        var task = await _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 100, Trajectories: 8));
        Assert.Equal(8, task.Trajectories);
        var claimed = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.Zero, default));
        Assert.Equal(8, claimed.Task.Trajectories);
        await _agent.ReportCompletedAsync("i-1", claimed.Task.Id, Samples.Result() with { Simulations = 5, Trajectories = 8 }, default);

        Assert.Equal(8, (await _user.GetResultAsync(task.Id)).Result!.Trajectories);
        var invalid = await Assert.ThrowsAsync<QonduitApiException>(() => _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 100, Trajectories: 0)));
        Assert.Equal("task.invalid-trajectories", invalid.Code);
    }

    [Fact]
    public async Task Parameters_are_bound_by_the_server_and_a_queued_task_reads_why_it_waits()
    {
        const string WithInput = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[1] q;\nbit[1] c;\nrz(theta) q[0];\nc[0] = measure q[0];\n";

        var task = await _user.SubmitAsync(new SubmitTaskRequest("line5", WithInput, null, 10, Parameters: new Dictionary<string, double> { ["theta"] = 0.5 }));

        Assert.Equal("pending.no-agent", task.PendingReason!.Code);
        Assert.Null(task.Progress);
        var claimed = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.FromSeconds(10), default));
        Assert.DoesNotContain("input", claimed.Task.Circuit, StringComparison.Ordinal);
        Assert.Equal(TaskPhase.Claimed, (await _user.GetTaskAsync(task.Id)).Step);
        var unknown = await Assert.ThrowsAsync<QonduitApiException>(() =>
            _user.SubmitAsync(new SubmitTaskRequest("line5", WithInput, null, 10, Parameters: new Dictionary<string, double> { ["phi"] = 1 })));
        Assert.Equal("admission.unknown-parameter", unknown.Code);
    }

    [Fact]
    public async Task Submit_and_wait_returns_the_result_once_the_task_is_terminal()
    {
        var waiting = _user.SubmitAndWaitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 10), TimeSpan.FromMilliseconds(20));
        var claimed = Assert.IsType<ClaimAnswer.Claimed>(await _agent.ClaimAsync("i-1", 1, TimeSpan.FromSeconds(10), default));
        await _agent.ReportCompletedAsync("i-1", claimed.Task.Id, Samples.Result(new Dictionary<string, int> { ["11"] = 10 }), default);

        var result = await waiting;
        Assert.Equal((claimed.Task.Id, TaskState.Completed, 10), (result.TaskId.ToString(), result.State, result.Result!.Counts["11"]));
    }

    [Fact]
    public async Task Cancelling_submit_and_wait_cancels_the_task_on_the_server()
    {
        // No agent claims: the task stays queued until the caller gives up.
        using var giveUp = new CancellationTokenSource();
        var waiting = _user.SubmitAndWaitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 10), TimeSpan.FromMilliseconds(20), giveUp.Token);
        await Eventually.TrueAsync(() => _host.Store.ListTasks(new TaskQuery(State: TaskState.Queued)).Count == 1, "the submitted task");
        var queued = _host.Store.ListTasks(new TaskQuery()).Single();

        await giveUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(TaskState.Cancelled, (await _user.GetTaskAsync(queued.Id)).State);
    }

    [Fact]
    public async Task Refusals_are_one_exception_type_carrying_the_problems_code_status_and_detail()
    {
        var error = await Assert.ThrowsAsync<QonduitApiException>(() => _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Inadmissible, null, 10, Transpile: false)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("admission.inadmissible", error.Code);
        Assert.NotNull(error.Detail);
        Assert.Equal("admission", error.Problem.Origin);
        Assert.NotNull(error.Problem.CorrelationId);
        Assert.NotNull(error.Problem.Timestamp);
        Assert.True(error.Problem.Extra!["violations"].GetArrayLength() >= 1);

        var missing = await Assert.ThrowsAsync<QonduitApiException>(() => _user.GetTaskAsync(Guid.NewGuid()));
        Assert.Equal(("task.not-found", HttpStatusCode.NotFound), (missing.Code, missing.Status));
        var forbidden = await Assert.ThrowsAsync<QonduitApiException>(() => _user.PatchDeviceAsync("line5", new DevicePatchRequest(MaxShots: 10)));
        Assert.Equal(("auth.forbidden", HttpStatusCode.Forbidden), (forbidden.Code, forbidden.Status));
    }

    [Fact]
    public async Task An_answer_without_a_qonduit_problem_is_the_same_exception_with_the_code_of_its_status()
    {
        using var proxy = new HttpClient(new StaticAnswer(HttpStatusCode.BadGateway, "text/html", "<h1>502 Bad Gateway</h1>")) { BaseAddress = new Uri("http://proxy/") };

        var error = await Assert.ThrowsAsync<QonduitApiException>(() => new QonduitClient(proxy, "key").GetTaskAsync(Guid.NewGuid()));

        Assert.Equal((HttpStatusCode.BadGateway, ErrorCodes.ForStatus(502)), (error.Status, error.Code));
        Assert.Contains("502 Bad Gateway", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_can_be_listed_patched_and_read_back_by_version()
    {
        var change = await _admin.PatchDeviceAsync("line5", new DevicePatchRequest(Qubits: [new QubitPatch(1, QubitStatus.Offline)]));
        Assert.Equal(2, change.Version);
        Assert.Equal(2, (await _user.ListDevicesAsync()).Single().Version);
        Assert.Equal(QubitStatus.Offline, SnapshotJson.Deserialize(await _user.GetDeviceJsonAsync("line5")).Qubits[1].Status);
        Assert.Equal(QubitStatus.Online, SnapshotJson.Deserialize(await _user.GetDeviceJsonAsync("line5", 1)).Qubits[1].Status);
        Assert.Equal([1, 2], (await _user.DeviceHistoryAsync("line5")).Select(h => h.Version));
        Assert.False((await _user.CheckViabilityAsync("line5", new ViabilityRequest(Samples.Bell, Transpile: false))).Admissible);
    }

    [Fact]
    public async Task The_event_reader_resumes_after_the_last_event_id()
    {
        var first = await _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 10));
        var second = await _user.SubmitAsync(new SubmitTaskRequest("line5", Samples.Bell, null, 10));
        var seen = new List<EventView>();
        await foreach (var e in _user.EventsAsync(new EventSubscription(Types: ["task.*"]), lastEventId: 0))
        {
            seen.Add(e);
            if (seen.Count == 2) break;
        }
        Assert.Equal([first.Id, second.Id], seen.Select(e => e.TaskId!.Value));

        await _user.CancelAsync(first.Id);
        await foreach (var e in _user.EventsAsync(new EventSubscription(Types: ["task.*"]), lastEventId: seen[^1].Sequence))
        {
            Assert.Equal(("task.cancelled", first.Id), (e.Type, e.TaskId!.Value));
            Assert.Equal("cancelled", e.Data.GetProperty("state").GetString());
            break;
        }
    }

    private sealed class StaticAnswer(HttpStatusCode status, string mediaType, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) });
    }
}
