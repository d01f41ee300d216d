using System.Net.Http.Json;
using System.Text;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Consumers;
using Qonduit.Placement.FairShare;
using Qonduit.Server.Consumers;
using Qonduit.Server.Metrics;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Metrics;

public sealed class ConsumerTelemetryTests
{
    [Fact]
    public async Task Usage_fair_share_shares_and_running_tasks_per_consumer_match_the_fair_share_report()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsync(new Uri("/v1/consumers", UriKind.Relative),
            new StringContent("""{"name": "root", "children": [{"name": "chem", "shares": 3}, {"name": "opt"}]}""", Encoding.UTF8, "application/json")), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/alice/consumer", new AssignConsumerRequest("/chem")), 204);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/bob/consumer", new AssignConsumerRequest("/opt")), 204);
        // chem's task runs 100 s and ends; opt's has run 10 s when the standing is computed and is still running.
        var chem = (await host.SubmitAsync(host.Alice)).Id;
        Assert.Equal(chem, (await host.ClaimAsync()).Task!.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        var opt = (await host.SubmitAsync(host.Bob)).Id;
        Assert.Equal(opt, (await host.ClaimAsync()).Task!.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{chem}/completed", new ReportCompletedRequest("agent-1", Samples.Result())), 200);
        var report = (await host.Admin.GetFromJsonAsync<List<FairShareRowView>>("/v1/consumers/fairshare?recompute=1"))!;

        var samples = await Exposition.ScrapeAsync(host.Alice);

        var leaves = report.Where(r => r.FairShare is not null).ToList();
        Assert.Equal(["/chem", "/default", "/opt"], leaves.Select(r => r.Path).Order(StringComparer.Ordinal));
        foreach (var leaf in leaves)
        {
            Assert.Equal(leaf.RawUsage, samples[$"qonduit_consumer_usage_seconds{{consumer=\"{leaf.Path}\",kind=\"qpu\"}}"], 9);
            Assert.Equal(leaf.FairShare!.Value, samples[$"qonduit_consumer_fairshare{{consumer=\"{leaf.Path}\",kind=\"qpu\"}}"], 9);
            // Children of the root: the part of the tree's shares is the normalised shares themselves.
            Assert.Equal(leaf.NormShares, samples[$"qonduit_consumer_shares{{consumer=\"{leaf.Path}\"}}"], 9);
        }
        Assert.Equal(100, samples["qonduit_consumer_usage_seconds{consumer=\"/chem\",kind=\"qpu\"}"], 6);
        Assert.Equal(10, samples["qonduit_consumer_usage_seconds{consumer=\"/opt\",kind=\"qpu\"}"], 6);
        Assert.Equal(0, samples["qonduit_consumer_usage_seconds{consumer=\"/opt\",kind=\"sim\"}"]);
        Assert.Equal(0.6, samples["qonduit_consumer_shares{consumer=\"/chem\"}"], 9);
        Assert.Equal(1, samples["qonduit_consumer_running_tasks{consumer=\"/opt\"}"]);
        Assert.Equal(0, samples["qonduit_consumer_running_tasks{consumer=\"/chem\"}"]);
        Assert.Equal(host.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, samples["qonduit_fairshare_computed_timestamp_seconds"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("consumer=\"_other\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_200_leaves_the_199_with_the_most_usage_keep_their_series_and_the_rest_are_summed_under_other()
    {
        // 250 leaves under 5 accounts; leaf i used i + 1 QPU seconds, so the 51 least used are leaves 0..50.
        var tree = new ConsumerNode("root", 1, [.. Enumerable.Range(0, 5).Select(a => new ConsumerNode($"a{a}", a + 1,
            [.. Enumerable.Range(0, 50).Select(u => new ConsumerNode($"u{u}", u % 7 + 1, [], new Dictionary<string, PoolOwnership>()))],
            new Dictionary<string, PoolOwnership>()))], new Dictionary<string, PoolOwnership>());
        var leaves = tree.Descendants().Where(d => d.Node.IsLeaf).Select(d => d.Path).ToList();
        var usage = leaves.Select((leaf, i) => (leaf, Seconds: i + 1.0)).ToDictionary(u => u.leaf, u => u.Seconds, StringComparer.Ordinal);
        var reports = FairShareBoard.Kinds.ToDictionary(k => k, k => FairTree.Compute(tree, k == "qpu" ? usage : new Dictionary<string, double>()), StringComparer.Ordinal);
        var standing = new FairShareStanding(tree, 1, leaves.ToHashSet(StringComparer.Ordinal), reports, DateTimeOffset.UnixEpoch);
        var running = leaves.Select(leaf => new RunningCharge(Guid.NewGuid(), leaf, "qpu", "line5", DateTimeOffset.UnixEpoch, null)).ToList();

        var samples = await ScrapeAsync(standing, running);

        foreach (var family in new[] { "qonduit_consumer_usage_seconds", "qonduit_consumer_fairshare", "qonduit_consumer_shares", "qonduit_consumer_running_tasks" })
            Assert.Equal(ConsumerFigures.MaxConsumers, samples.Keys.Where(k => k.StartsWith(family + "{", StringComparison.Ordinal)).Select(Consumer).Distinct().Count());
        double Sum(string family) => samples.Where(s => s.Key.StartsWith(family, StringComparison.Ordinal)).Sum(s => s.Value);
        Assert.Equal(usage.Values.Sum(), Sum("qonduit_consumer_usage_seconds{"), 6);
        Assert.Equal(Enumerable.Range(1, 51).Sum(), samples["qonduit_consumer_usage_seconds{consumer=\"_other\",kind=\"qpu\"}"], 6);
        Assert.Equal(1, Sum("qonduit_consumer_shares{"), 9);
        Assert.Equal(leaves.Count, Sum("qonduit_consumer_running_tasks{"));
        Assert.Equal(51, samples["qonduit_consumer_running_tasks{consumer=\"_other\"}"]);
        Assert.True(samples.ContainsKey($"qonduit_consumer_shares{{consumer=\"{leaves[51]}\"}}"));
        Assert.False(samples.ContainsKey($"qonduit_consumer_shares{{consumer=\"{leaves[50]}\"}}"));
        var folded = reports["qpu"].Where(r => r.FairShare is not null && usage[r.Path] <= 51).ToList();
        Assert.Equal(folded.Average(r => r.FairShare!.Value), samples["qonduit_consumer_fairshare{consumer=\"_other\",kind=\"qpu\"}"], 9);
    }

    private static async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(FairShareStanding standing, IReadOnlyList<RunningCharge> running)
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        new ConsumerTelemetry(Prometheus.Metrics.WithCustomRegistry(registry)).Publish(standing, running);
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        return Exposition.Parse(Encoding.UTF8.GetString(text.ToArray()));
    }

    private static string Consumer(string series) => series.Split("consumer=\"")[1].Split('"')[0];
}
