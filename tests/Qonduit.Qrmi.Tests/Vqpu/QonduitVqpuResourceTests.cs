using System.Net;
using System.Text;
using Qonduit.Agent.ControlPlane;
using Qonduit.Client.Primitives;
using Qonduit.Devices.Generators;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Primitives;
using Qonduit.Qrmi.Vqpu;
using Qonduit.Server.Auth;
using Qonduit.Server.Leases;
using Qonduit.Storage;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Qrmi.Tests.Vqpu;

/// <summary>The `qonduit-vqpu` resource against the real control plane in process, with one device (`ibm_fez`, one lane).</summary>
public sealed class QonduitVqpuResourceTests : IAsyncLifetime
{
    private ControlPlaneHost _host = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _host = await ControlPlaneHost.StartAsync(registerLine: false);
        _key = await _host.KeyAsync("carol", ApiKeyRole.User);
        await _host.RegisterAsync(DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 4, Name: "ibm_fez")));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private QonduitVqpuResource Resource(string? key = null, string? token = null, string? url = null, HttpClient? http = null)
    {
        var env = new Dictionary<string, string>
        {
            [QonduitVqpuResource.UrlKey] = url ?? _host.Anonymous.BaseAddress!.ToString(),
            [QonduitVqpuResource.DeviceKey] = "ibm_fez",
            [QonduitVqpuResource.ApiKeyKey] = key ?? _key,
        };
        if (token is not null) env[JobEnvironment.TokenKey] = token;
        return new QonduitVqpuResource(new ResourceDefinition("fez", ResourceTypes.QonduitVqpu, env), http ?? _host.Anonymous);
    }

    [Fact]
    public async Task Acquire_returns_the_contracts_lease_and_a_second_one_is_unavailable()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest { Holder = "slurm:job:7", Ttl = TimeSpan.FromMinutes(5) });
        Assert.StartsWith("lt_", lease.Token, StringComparison.Ordinal);
        Assert.Equal(("ibm_fez", 0, "slurm:job:7"), (lease.Device, lease.Lane, lease.Holder));
        var e = await Assert.ThrowsAsync<LeaseUnavailableException>(() => Resource().AcquireAsync(new LeaseRequest()));
        Assert.Equal("lease.unavailable", e.Code);
        Assert.Equal("fez", e.Resource);
    }

    [Fact]
    public async Task Release_frees_the_lane_and_is_idempotent()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest());
        await Resource().ReleaseAsync(lease.Token);
        await Resource().ReleaseAsync(lease.Token);
        Assert.Equal(0, (await Resource().MetricsAsync()).LanesInUse);
    }

    [Fact]
    public async Task Renewing_a_released_lease_is_lease_not_found()
    {
        var resource = Resource();
        var lease = await resource.AcquireAsync(new LeaseRequest());
        Assert.Equal(lease.Token, (await resource.RenewAsync(lease.Token, TimeSpan.FromMinutes(1))).Token);
        await resource.ReleaseAsync(lease.Token);
        await Assert.ThrowsAsync<LeaseNotFoundException>(() => resource.RenewAsync(lease.Token, null));
    }

    [Fact]
    public async Task Tasks_are_accounted_to_the_jobs_acquisition_token()
    {
        var lease = await Resource().AcquireAsync(new LeaseRequest());
        var job = Resource(token: lease.Token);
        var sampling = new Sampler(job.AsSamplingTarget()).RunAsync([new SamplerPub("OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\n")], shots: 100);
        var agentKey = await _host.KeyAsync("agent", ApiKeyRole.Agent);
        var agent = new HttpControlPlane(_host.WithKey(agentKey), agentKey, "agent-1");
        var claimed = Assert.IsType<ClaimAnswer.Claimed>(await agent.ClaimAsync("i-1", 1, TimeSpan.FromSeconds(10), default));
        await agent.ReportCompletedAsync("i-1", claimed.Task.Id, Samples.Result(new Dictionary<string, int> { ["00"] = 60, ["11"] = 40 }), default);

        var result = await sampling;
        var sent = _host.Store.GetTask(Guid.Parse(claimed.Task.Id))!;
        Assert.Equal((_host.Store.FindLease(LeaseTokens.Hash(lease.Token))!.Id, "openqasm2"), (sent.LeaseId, sent.Dialect));
        Assert.Equal(60, result[0].Counts["00"]);
        Assert.Equal(1, result[0].Result.BoundSnapshotVersion);
    }

    [Fact]
    public async Task A_problem_answer_becomes_a_typed_error_with_its_code_and_correlation_id()
    {
        var e = await Assert.ThrowsAsync<RemoteProblemException>(() => Resource().TaskStatusAsync(Guid.NewGuid().ToString()));
        Assert.Equal(("task.not-found", 404), (e.Code, e.Status));
        Assert.False(string.IsNullOrEmpty(e.CorrelationId));
        var auth = await Assert.ThrowsAsync<RemoteProblemException>(() => Resource(key: "wrong").TargetAsync());
        Assert.Equal(401, auth.Status);
    }

    [Fact]
    public async Task An_id_that_is_not_the_servers_is_task_not_found()
    {
        var e = await Assert.ThrowsAsync<QuantumTaskNotFoundException>(() => Resource().TaskStatusAsync("no-such-task"));
        Assert.Equal("qrmi.task-not-found", e.Code);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_a_protocol_error_and_a_proxy_page_keeps_its_status()
    {
        using var garbled = new HttpClient(new CannedAnswer(HttpStatusCode.OK, "<html>"));
        await Assert.ThrowsAsync<QrmiProtocolException>(() => Resource(http: garbled).TaskStatusAsync(Guid.NewGuid().ToString()));
        await Assert.ThrowsAsync<QrmiProtocolException>(() => Resource(http: garbled).TargetAsync());
        using var proxy = new HttpClient(new CannedAnswer(HttpStatusCode.BadGateway, "<html>bad gateway</html>"));
        var e = await Assert.ThrowsAsync<RemoteProblemException>(() => Resource(http: proxy).TargetAsync());
        Assert.Equal(("http.server-error", 502), (e.Code, e.Status));
    }

    [Fact]
    public async Task Target_and_metrics_read_the_device_record()
    {
        var resource = Resource();
        Assert.Equal(4, (await resource.TargetAsync()).NumQubits);
        await resource.AcquireAsync(new LeaseRequest());
        await resource.TaskStartAsync(TaskPayload.FromQasm("OPENQASM 2.0;\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\n", 10));
        var metrics = await resource.MetricsAsync();
        Assert.Equal((1, 1, 1), (metrics.Lanes, metrics.LanesInUse, metrics.QueueDepth));
        Assert.NotNull(metrics.Median2qError);
        Assert.True(await resource.IsAccessibleAsync());
    }

    [Fact]
    public async Task Stopping_a_task_cancels_it_and_its_result_is_refused()
    {
        var resource = Resource();
        var id = await resource.TaskStartAsync(TaskPayload.FromQasm("OPENQASM 3.0;\nqubit q;\n", 10));
        await resource.TaskStopAsync(id);
        Assert.Equal(QuantumTaskStatus.Cancelled, await resource.TaskStatusAsync(id));
        await Assert.ThrowsAsync<TaskNotCompletedException>(() => resource.TaskResultAsync(id));
        Assert.Contains("state: cancelled", await resource.TaskLogsAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_unreachable_and_not_accessible()
    {
        using var network = new HttpClient();
        var down = Resource(url: "http://127.0.0.1:9/", http: network);
        Assert.False(await down.IsAccessibleAsync());
        var e = await Assert.ThrowsAsync<ResourceUnreachableException>(() => down.AcquireAsync(new LeaseRequest()));
        Assert.Equal("qrmi.resource-unreachable", e.Code);
    }

    [Fact]
    public void A_url_that_is_not_http_is_a_config_error()
    {
        Assert.Throws<QrmiConfigException>(() => Resource(url: "ftp://example"));
    }

    /// <summary>What a misconfigured proxy in front of the control plane answers to every request.</summary>
    private sealed class CannedAnswer(HttpStatusCode status, string html) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(html, Encoding.UTF8, "text/html") });
    }
}
