using Qonduit.Agent.Elim;
using Qonduit.Agent.Tests.Elim;
using Qonduit.Agent.Tests.Fakes;
using Qonduit.Contracts.Resources;

namespace Qonduit.Agent.Tests;

public sealed class AgentWorkerLoadIndicesTests : IDisposable
{
    private readonly AgentFixture _fixture = new();
    private readonly ReporterScripts _scripts = new();

    public void Dispose()
    {
        _scripts.Dispose();
        _fixture.Dispose();
    }

    private AgentWorker Agent(params ReporterSpec[] reporters) => new(_fixture.Server, _fixture.Scheduler, new AgentOptions
    {
        AgentId = "agent-1",
        RunRoot = _fixture.Root,
        ClaimWait = TimeSpan.Zero,
        HeartbeatInterval = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(20),
        Reporters = reporters,
        Resources = ["sim-a", "gpu-a"],
    });

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>? LastIndices() => _fixture.Server.LatestIndicesSent;

    [Fact]
    public async Task Each_heartbeat_carries_per_resource_the_values_the_reporters_sent_and_stopping_kills_the_reporters()
    {
        _fixture.Server.LoadIndices = ReporterScripts.Catalog;
        var everywhere = _scripts.Write("host", "echo $$ >> \"$DIR/pids\"\necho '2 cpu_load 0.5 gpu_state@gpu-a busy'\nexec sleep 60");
        var simOnly = _scripts.Write("sim", "echo $$ >> \"$DIR/pids\"\necho '1 gpu_state idle'\nexec sleep 60");
        var agent = Agent(new ReporterSpec { Command = everywhere }, new ReporterSpec { Command = simOnly, Resource = "sim-a" });
        using var stop = new CancellationTokenSource();
        var run = agent.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => LastIndices() is { } i && i.ContainsKey("gpu-a") && i.GetValueOrDefault("sim-a")?.ContainsKey("gpu_state") == true,
            "a heartbeat with both reporters' values");

        var indices = LastIndices()!;
        Assert.Equal(0.5, indices["sim-a"]["cpu_load"].Value.GetDouble());
        Assert.Equal("idle", indices["sim-a"]["gpu_state"].Value.GetString());
        Assert.Equal(0.5, indices["gpu-a"]["cpu_load"].Value.GetDouble());
        Assert.Equal("busy", indices["gpu-a"]["gpu_state"].Value.GetString());
        Assert.All(indices.Values.SelectMany(v => v.Values), v => Assert.InRange(v.AgeMs, 0, 30_000));
        await stop.CancelAsync();
        await run;
        Assert.All(_scripts.Pids("pids"), pid => Assert.False(ReporterScripts.Alive(pid), $"reporter {pid} outlived the agent"));
    }

    [Fact]
    public async Task A_heartbeat_answer_naming_a_newer_declarations_version_has_them_fetched_again()
    {
        var reporter = _scripts.Write("gpu", "while true; do echo '1 gpu_util 40'; sleep 0.05; done");
        var agent = Agent(new ReporterSpec { Command = reporter });
        using var stop = new CancellationTokenSource();
        var run = agent.RunAsync(stop.Token);
        // The start-up fetch, and maybe one more by a heartbeat answered before it (both fetch version 1).
        await Eventually.TrueAsync(() => _fixture.Server.LoadIndexFetches >= 1 && LastIndices() is not null, "the first fetch and a heartbeat");
        Assert.Empty(LastIndices()!);
        var fetches = _fixture.Server.LoadIndexFetches;

        _fixture.Server.LoadIndices = new LoadIndexCatalogView(2, [new LoadIndexDeclarationView("gpu_util", "numeric", 1000, true, false, "%", null, false)]);

        await Eventually.TrueAsync(() => LastIndices()?.GetValueOrDefault("gpu-a")?.ContainsKey("gpu_util") == true, "gpu_util on a heartbeat");
        Assert.InRange(_fixture.Server.LoadIndexFetches, fetches + 1, fetches + 2);
        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task An_agent_without_reporters_sends_no_indices_and_never_fetches_declarations()
    {
        var agent = _fixture.Agent();

        await agent.HeartbeatOnceAsync(CancellationToken.None);

        Assert.Empty(Assert.Single(_fixture.Server.IndicesSent));
        Assert.Equal(0, _fixture.Server.LoadIndexFetches);
    }
}
