using System.Net;
using System.Text;
using System.Text.Json;
using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Agent.Tests.ControlPlane;

/// <summary>The agent's reports on the wire: coalesced into `POST /v1/agent/reports`, each caller answered alone.</summary>
public sealed class HttpControlPlaneReportsTests
{
    private static readonly RunResult Result = new()
    {
        TaskId = "t", Device = "line5", BoundSnapshotVersion = 1, SnapshotHash = "sha256:test", Shots = 1, Seed = 7,
        Counts = new Dictionary<string, int> { ["00"] = 1 }, Circuit = new CircuitShape(2, 2, 2, 1, 1, Transpiled: false), Timings = new RunTimings(0, 0, 0, 0, 0),
    };

    /// <summary>
    /// A server for reports: holds each request until <see cref="Release"/> (when asked to), answers every report with
    /// <see cref="Status"/>'s verdict for its task id, and keeps how many reports each request carried.
    /// </summary>
    private sealed class ReportsServer(bool hold) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<int> Batches { get; } = [];

        public Func<string, int> Status { get; init; } = _ => 200;

        /// <summary>Refuses a request carrying more than one report as a whole, with this status.</summary>
        public int? RefuseBatchesWith { get; init; }

        public void Release() => _released.TrySetResult();

        public HttpControlPlane Agent() => new(new HttpClient(this) { BaseAddress = new Uri("http://plane/") }, "key", "agent-1");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var ids = body.RootElement.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("taskId").GetString()!).ToList();
            lock (Batches) Batches.Add(ids.Count);
            if (hold) await _released.Task;
            if (RefuseBatchesWith is { } refused && ids.Count > 1)
                return Answer((HttpStatusCode)refused, """{"code": "agent.invalid-result", "detail": "reports[1]: bad"}""");
            var outcomes = ids.Select(id => Status(id) == 200
                ? $$"""{"taskId": "{{id}}", "kind": "completed", "status": 200}"""
                : $$"""{"taskId": "{{id}}", "kind": "completed", "status": {{Status(id)}}, "code": "task.terminal", "detail": "it ended"}""");
            return Answer(HttpStatusCode.OK, $$"""{"outcomes": [{{string.Join(", ", outcomes)}}]}""");
        }

        private static HttpResponseMessage Answer(HttpStatusCode status, string json) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }

    [Fact]
    public async Task Reports_made_while_one_is_on_its_way_leave_together_in_the_next_call()
    {
        var server = new ReportsServer(hold: true);
        var agent = server.Agent();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString()).ToList();

        var answers = ids.Select(id => agent.ReportCompletedAsync("i-1", id, Result, CancellationToken.None)).ToList();
        server.Release();

        Assert.All(await Task.WhenAll(answers), a => Assert.IsType<ReportAnswer.Accepted>(a));
        Assert.Equal([1, 4], server.Batches);
    }

    [Fact]
    public async Task Each_caller_gets_its_own_report_s_verdict()
    {
        var refused = Guid.NewGuid().ToString();
        var server = new ReportsServer(hold: true) { Status = id => id == refused ? 409 : 200 };
        var agent = server.Agent();

        var first = agent.ReportRunningAsync("i-1", Guid.NewGuid().ToString(), "job", false, CancellationToken.None);
        var accepted = agent.ReportCompletedAsync("i-1", Guid.NewGuid().ToString(), Result, CancellationToken.None);
        var rejected = agent.ReportFailedAsync("i-1", refused, new TaskFailure("runner.crashed", "runner", "boom"), CancellationToken.None);
        server.Release();

        Assert.IsType<ReportAnswer.Accepted>(await first);
        Assert.IsType<ReportAnswer.Accepted>(await accepted);
        Assert.Equal((409, "task.terminal"), await rejected is ReportAnswer.Rejected r ? (r.Status, r.Code) : default);
    }

    [Fact]
    public async Task A_batch_refused_as_a_whole_is_sent_again_one_report_at_a_time()
    {
        var server = new ReportsServer(hold: true) { RefuseBatchesWith = 400 };
        var agent = server.Agent();

        var answers = Enumerable.Range(0, 3).Select(_ => agent.ReportCompletedAsync("i-1", Guid.NewGuid().ToString(), Result, CancellationToken.None)).ToList();
        server.Release();

        Assert.All(await Task.WhenAll(answers), a => Assert.IsType<ReportAnswer.Accepted>(a));
        Assert.Equal([1, 2, 1, 1], server.Batches);
    }

    [Fact]
    public async Task A_report_whose_id_no_server_task_has_is_rejected_without_a_call()
    {
        var server = new ReportsServer(hold: false);

        var answer = await server.Agent().ReportCompletedAsync("i-1", "not-a-guid", Result, CancellationToken.None);

        Assert.Equal((404, "task.not-found"), answer is ReportAnswer.Rejected r ? (r.Status, r.Code) : default);
        Assert.Empty(server.Batches);
    }
}
