using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Resources;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Resources;

public sealed class LoadIndexIngestTests
{
    private static async Task<ControlPlaneHost> StartAsync()
    {
        var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_util", new DeclareLoadIndexRequest("numeric", 10_000, Unit: "%")), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/loadindices/gpu_model", new DeclareLoadIndexRequest("string", 10_000)), 200);
        return host;
    }

    private static Task<HttpResponseMessage> PushAsync(ControlPlaneHost host, string resource, long seq, params string[] lines) =>
        host.Agent.PostAsJsonAsync($"/v1/resources/{resource}/indices", new PushLoadIndicesRequest(seq, lines));

    private static ReportedIndexValue Reported(object value, long ageMs) => new(JsonSerializer.SerializeToElement(value), ageMs);

    [Fact]
    public async Task A_push_with_an_old_seq_is_409_and_the_next_seq_is_accepted()
    {
        await using var host = await StartAsync();
        await Expect.StatusAsync(await PushAsync(host, "line5", 7, "1 gpu_util 40"), 200);

        var replay = await Expect.ProblemAsync(await PushAsync(host, "line5", 7, "1 gpu_util 99"), 409, "loadindex.stale-sequence");
        var next = await PushAsync(host, "line5", 8, "2 gpu_util 55 gpu_model h100");

        Assert.Equal(7, replay.GetProperty("lastSeq").GetInt64());
        await Expect.StatusAsync(next, 200);
        var pushed = (await next.Content.ReadFromJsonAsync<PushLoadIndicesResponse>())!;
        Assert.Equal((8L, 2), (pushed.Seq, pushed.Accepted));
        Assert.Empty(pushed.Refused);
        var line = (await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!;
        Assert.Equal((55.0, "%", false), (line.Indices["gpu_util"].Value.GetDouble(), line.Indices["gpu_util"].Unit, line.Indices["gpu_util"].Stale));
        Assert.Equal("h100", line.Indices["gpu_model"].Value.GetString());
    }

    [Fact]
    public async Task Refused_lines_are_listed_with_their_reason_and_counted_while_the_good_ones_are_recorded()
    {
        await using var host = await StartAsync();

        var answer = await PushAsync(host, "line5", 1, "1 gpu_util 12", "1 cpu_util 3", "2 gpu_util 1", "1 gpu_util NaN", "1 gpu_util@0 5");

        var pushed = (await answer.Content.ReadFromJsonAsync<PushLoadIndicesResponse>())!;
        Assert.Equal(1, pushed.Accepted);
        Assert.Equal(4, pushed.Refused.Count);
        Assert.StartsWith("line 2: 'cpu_util' is not a declared index", pushed.Refused[0], StringComparison.Ordinal);
        Assert.StartsWith("line 5:", pushed.Refused[3], StringComparison.Ordinal);
        var rejected = host.Get<LoadIndexBoard>().Rejected;
        Assert.Equal((1L, 1L, 1L, 1L), (rejected["undeclared"], rejected["wrong-count"], rejected["non-finite"], rejected["lane-scoped"]));
    }

    [Fact]
    public async Task A_push_is_bounded_and_names_a_known_resource()
    {
        await using var host = await StartAsync();

        await Expect.ProblemAsync(await PushAsync(host, "no-such", 1, "1 gpu_util 1"), 404, "resource.not-found");
        await Expect.ProblemAsync(await PushAsync(host, "line5", 1, [.. Enumerable.Repeat("1 gpu_util 1", 1_001)]), 413, "loadindex.push-too-large");
        await Expect.ProblemAsync(await PushAsync(host, "line5", 1, [new string('x', 70_000)]), 413, "loadindex.push-too-large");
        await Expect.ProblemAsync(await PushAsync(host, "line5", 0, "1 gpu_util 1"), 400, "loadindex.invalid-push");
        await Expect.StatusAsync(await host.Alice.PostAsJsonAsync("/v1/resources/line5/indices", new PushLoadIndicesRequest(1, ["1 gpu_util 1"])), 403);
        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync("/v1/resources/line5/indices", new PushLoadIndicesRequest(1, ["1 gpu_util 1"])), 200);
    }

    [Fact]
    public async Task Heartbeat_values_are_recorded_with_their_age_and_undeclared_or_foreign_ones_are_dropped_and_counted()
    {
        await using var host = await StartAsync();
        var indices = new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>
        {
            ["sim-a"] = new Dictionary<string, ReportedIndexValue>
            {
                ["gpu_util"] = Reported(42.5, 3_000),
                ["cpu_util"] = Reported(1, 0),
                ["gpu_model"] = Reported(7, 0),
            },
            ["not-mine"] = new Dictionary<string, ReportedIndexValue> { ["gpu_util"] = Reported(1, 0) },
        };

        var answer = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat",
            new HeartbeatRequest("agent-1", [], "i-1", 5_000, Pools: [new PoolDeclaration("sim-a", "sim", 4)], Indices: indices));

        await Expect.StatusAsync(answer, 200);
        var sample = Assert.Single(host.Get<LoadIndexBoard>().Values("sim-a", host.Clock.GetUtcNow()));
        Assert.Equal(("gpu_util", 42.5, host.Clock.GetUtcNow().AddSeconds(-3)), (sample.Key, sample.Value.Value.Number, sample.Value.ReceivedAt));
        var rejected = host.Get<LoadIndexBoard>().Rejected;
        Assert.Equal((1L, 1L, 1L), (rejected["undeclared"], rejected["wrong-type"], rejected["unknown-resource"]));
        Assert.Empty(host.Get<LoadIndexBoard>().Values("not-mine", host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_value_goes_stale_after_two_intervals_with_a_loadindex_stale_event_and_is_dropped_after_ten()
    {
        await using var host = await StartAsync();
        await Expect.StatusAsync(await PushAsync(host, "line5", 1, "1 gpu_util 40"), 200);
        var monitor = host.Get<LoadIndexStaleMonitor>();

        host.Clock.Advance(TimeSpan.FromSeconds(20));
        await monitor.SweepAsync();
        Assert.False((await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!.Indices["gpu_util"].Stale);
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await monitor.SweepAsync();

        var stale = Assert.Single(host.Store.ReadEvents(0, new(Types: ["loadindex.stale"]), 10));
        var data = JsonDocument.Parse(stale.Data).RootElement;
        Assert.Equal(("line5", "gpu_util", 40.0, 10_000L), (data.GetProperty("resource").GetString(), data.GetProperty("index").GetString(),
            data.GetProperty("lastValue").GetDouble(), data.GetProperty("intervalMs").GetInt64()));
        Assert.True((await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!.Indices["gpu_util"].Stale);

        host.Clock.Advance(TimeSpan.FromSeconds(80));
        await monitor.SweepAsync();
        Assert.False((await host.Alice.GetFromJsonAsync<ResourceView>("/v1/resources/line5"))!.Indices.ContainsKey("gpu_util"));
        Assert.Single(host.Store.ReadEvents(0, new(Types: ["loadindex.stale"]), 10));
    }

    [Fact]
    public async Task A_stale_value_reported_again_is_announced_fresh()
    {
        await using var host = await StartAsync();
        await Expect.StatusAsync(await PushAsync(host, "line5", 1, "1 gpu_util 40"), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(25));
        await host.Get<LoadIndexStaleMonitor>().SweepAsync();

        await Expect.StatusAsync(await PushAsync(host, "line5", 2, "1 gpu_util 41"), 200);
        await host.Get<LoadIndexStaleMonitor>().SweepAsync();

        Assert.Equal(["loadindex.stale", "loadindex.fresh"],
            host.Store.ReadEvents(0, new(Types: ImmutableArray.Create("loadindex.stale", "loadindex.fresh")), 10).Select(e => e.Type));
    }

    [Fact]
    public async Task History_keeps_exactly_the_last_360_samples_oldest_first()
    {
        await using var host = await StartAsync();
        for (var seq = 1; seq <= 400; seq++)
        {
            await Expect.StatusAsync(await PushAsync(host, "line5", seq, $"1 gpu_util {seq}"), 200);
            host.Clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        var history = (await host.Alice.GetFromJsonAsync<LoadIndexHistoryView>("/v1/resources/line5/indices/gpu_util/history"))!;

        Assert.Equal(LoadIndexBoard.HistoryLength, history.Samples.Count);
        Assert.Equal(Enumerable.Range(41, 360).Select(i => (double)i), history.Samples.Select(s => s.Value.GetDouble()));
        Assert.Equal(("%", 10_000), (history.Unit, history.IntervalMs));
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/resources/line5/indices/cpu_util/history"), 404, "loadindex.not-found");
        await Expect.ProblemAsync(await host.Alice.GetAsync("/v1/resources/nope/indices/gpu_util/history"), 404, "resource.not-found");
    }
}
