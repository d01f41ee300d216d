using System.Net.Http.Json;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Resources;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Metrics;

public sealed class LoadIndexTelemetryTests
{
    [Fact]
    public async Task Reported_values_show_their_value_age_and_staleness_and_refusals_count_by_reason_until_the_value_is_dropped()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_util", new DeclareLoadIndexRequest("numeric", 10_000)), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_model", new DeclareLoadIndexRequest("string", 10_000)), 200);
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/resources/line5/indices",
            new PushLoadIndicesRequest(1, ["2 gpu_util 37.5 gpu_model h100", "1 cpu_util 1"])), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(25));

        var samples = await Exposition.ScrapeAsync(host.Alice);

        Assert.Equal(37.5, samples["qonduit_loadindex_value{resource=\"line5\",name=\"gpu_util\"}"]);
        Assert.False(samples.ContainsKey("qonduit_loadindex_value{resource=\"line5\",name=\"gpu_model\"}"));
        Assert.Equal(25, samples["qonduit_loadindex_age_seconds{resource=\"line5\",name=\"gpu_model\"}"], 6);
        Assert.Equal(1, samples["qonduit_loadindex_stale{resource=\"line5\",name=\"gpu_util\"}"]);
        Assert.Equal(1, samples["qonduit_loadindex_rejected_total{reason=\"undeclared\"}"]);

        host.Clock.Advance(TimeSpan.FromSeconds(80));
        await host.Get<LoadIndexStaleMonitor>().SweepAsync();
        Assert.DoesNotContain((await Exposition.ScrapeAsync(host.Alice)).Keys, k => k.StartsWith("qonduit_loadindex_stale{", StringComparison.Ordinal));
    }
}
