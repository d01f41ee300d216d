using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Contracts.Artifacts;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Tests.Artifacts;

/// <summary>The server sweeps artifacts on its own clock: hourly by default, with the configured age and byte budget.</summary>
public sealed class ArtifactRetentionServiceTests
{
    private static async Task<ArtifactView> PutAsync(HttpClient client, string text)
    {
        using var response = await client.PostAsync("/v1/artifacts", new StringContent(text, Encoding.UTF8, "text/plain"));
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<ArtifactView>())!;
    }

    [Fact]
    public async Task An_artifact_unused_for_30_days_is_gone_after_the_next_hourly_sweep_and_one_read_meanwhile_stays()
    {
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        var store = host.Get<IArtifactStore>();
        var unused = await PutAsync(host.Alice, "unused");
        var read = await PutAsync(host.Alice, "read");

        host.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal("read", await host.Alice.GetStringAsync($"/v1/artifacts/{read.Digest}"));
        host.Clock.Advance(TimeSpan.FromDays(15));
        Assert.NotNull(store.Get("alice", unused.Digest));
        host.Clock.Advance(TimeSpan.FromHours(1));

        await Eventually.TrueAsync(() => store.Get("alice", unused.Digest) is null, "the hourly sweep to remove the unused artifact");
        Assert.NotNull(store.Get("alice", read.Digest));
        await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/artifacts/{unused.Digest}"), 404, "artifact.not-found");
    }

    [Fact]
    public async Task The_configured_byte_budget_per_owner_keeps_the_most_recently_used()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o =>
        {
            o.Artifacts.MaxBytesPerOwner = 10;
            o.Artifacts.SweepInterval = TimeSpan.FromMinutes(5);
        }, registerLine: false);
        var older = await PutAsync(host.Alice, "123456");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await PutAsync(host.Alice, "abcdef");
        var service = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Qonduit.Server.Artifacts.ArtifactRetentionService>().Single();

        Assert.Equal(new ArtifactSweepResult(1, 6), await service.SweepOnceAsync(CancellationToken.None));

        var left = (await host.Alice.GetFromJsonAsync<ArtifactPage>("/v1/artifacts"))!;
        Assert.Equal([newer.Digest], left.Items.Select(a => a.Digest));
        Assert.NotEqual(older.Digest, newer.Digest);
    }
}
