using System.Text.Json;
using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Agent.Tests.ControlPlane;

/// <summary>The load-index part of the agent protocol on the wire: what the agent sends and how it reads the answers.</summary>
public sealed class HttpControlPlaneLoadIndicesTests
{
    [Fact]
    public async Task The_declarations_are_read_from_GET_v1_loadindices()
    {
        var recorder = new RecordingHandler("""{"version": 3, "indices": [{"name": "gpu_util", "type": "numeric", "intervalMs": 15000, "increasing": true, "consumable": false, "unit": "%", "description": null, "builtIn": false}]}""");

        var catalog = await recorder.Agent().LoadIndicesAsync(CancellationToken.None);

        Assert.Equal((HttpMethod.Get, "/v1/loadindices"), (recorder.Requests[0].Method, recorder.Requests[0].Path));
        Assert.Equal(3, catalog.Version);
        Assert.Equal(("gpu_util", 15000), (catalog.Indices[0].Name, catalog.Indices[0].IntervalMs));
    }

    [Fact]
    public async Task The_heartbeat_sends_values_per_resource_with_their_age_and_reads_the_declarations_version()
    {
        var recorder = new RecordingHandler("""{"cancelled": [], "unknown": [], "loadIndicesVersion": 4}""");
        var indices = new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>
        {
            ["gpus"] = new Dictionary<string, ReportedIndexValue>
            {
                ["gpu_util"] = new(JsonSerializer.SerializeToElement(40.5), 1200),
                ["gpu_state"] = new(JsonSerializer.SerializeToElement("busy"), 0),
            },
        };

        var answer = await recorder.Agent().HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            indices, CancellationToken.None);

        Assert.Equal(4, answer.LoadIndicesVersion);
        using var sent = JsonDocument.Parse(recorder.Requests[0].Body!);
        var gpus = sent.RootElement.GetProperty("indices").GetProperty("gpus");
        Assert.Equal(40.5, gpus.GetProperty("gpu_util").GetProperty("value").GetDouble());
        Assert.Equal(1200, gpus.GetProperty("gpu_util").GetProperty("ageMs").GetInt64());
        Assert.Equal("busy", gpus.GetProperty("gpu_state").GetProperty("value").GetString());
    }

    [Fact]
    public async Task The_heartbeat_names_the_declared_commands_never_their_argv_and_an_agent_without_any_leaves_them_out()
    {
        var recorder = new RecordingHandler("""{"cancelled": [], "unknown": []}""");

        await recorder.Agent(["diag", "fit"]).HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(), CancellationToken.None);
        await recorder.Agent().HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(), CancellationToken.None);

        using var declared = JsonDocument.Parse(recorder.Requests[0].Body!);
        Assert.Equal(["diag", "fit"], declared.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.GetString()));
        using var none = JsonDocument.Parse(recorder.Requests[1].Body!);
        Assert.False(none.RootElement.TryGetProperty("commands", out var present) && present.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_heartbeat_without_values_leaves_indices_out_and_an_older_server_s_answer_has_no_version()
    {
        var recorder = new RecordingHandler("""{"cancelled": [], "unknown": []}""");

        var answer = await recorder.Agent().HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(), CancellationToken.None);

        Assert.Null(answer.LoadIndicesVersion);
        using var sent = JsonDocument.Parse(recorder.Requests[0].Body!);
        Assert.False(sent.RootElement.TryGetProperty("indices", out var present) && present.ValueKind != JsonValueKind.Null);
    }
}
