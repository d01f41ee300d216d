using System.Net.Http.Json;
using Qonduit.Server.Agents;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Metrics;

public sealed class MetricsApiTests
{
    [Fact]
    public async Task Metrics_expose_states_queues_claims_admission_latency_and_stale_agents_in_prometheus_text()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.SubmitAsync();
        await host.SubmitAsync();
        await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Inadmissible, null, 10, Transpile: false));
        await host.ClaimAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(61));

        var response = await host.Admin.GetAsync("/metrics");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("qonduit_tasks{state=\"queued\"} 1", lines);
        Assert.Contains("qonduit_tasks{state=\"running\"} 1", lines);
        Assert.Contains("qonduit_queue_depth{device=\"line5\"} 1", lines);
        Assert.Contains("qonduit_claims_total 1", lines);
        Assert.Contains("qonduit_tasks_submitted_total 2", lines);
        Assert.Contains("qonduit_admissions_rejected_total 1", lines);
        Assert.Contains("qonduit_admission_seconds_bucket{le=\"+Inf\"} 3", lines);
        Assert.Contains("qonduit_admission_seconds_count 3", lines);
        Assert.Contains("qonduit_agents_stale 1", lines);
        Assert.Contains("qonduit_tasks_stale 1", lines);
        Assert.Contains("# TYPE qonduit_admission_seconds histogram", lines);
        Assert.NotNull(host.Get<AgentLiveness>());
    }
}
