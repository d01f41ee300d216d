using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Contracts;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Tests.Shared;

namespace Qonduit.Cli.Tests.Graphs;

/// <summary>`qonduit graph …` as a user runs it: offline checks of a file, and runs on a control plane on a loopback port.</summary>
public sealed class GraphCommandsTests : IAsyncLifetime
{
    private static readonly string Sample = Path.Combine(RepoPaths.Root, "samples", "graphs", "bell-fan.yaml");
    private static readonly string SampleInputs = Path.Combine(RepoPaths.Root, "samples", "graphs", "bell-fan.inputs.json");

    private readonly string _home = Directory.CreateTempSubdirectory("qonduit-cli-graphs-").FullName;
    private WebApplication _server = null!;
    private string _url = "";
    private string _alice = "";

    public async Task InitializeAsync()
    {
        _server = ServerApp.Build(new ServerAppOptions { Urls = "http://127.0.0.1:0", Database = Path.Combine(_home, "q.db"), SeedBundledDevices = true });
        await _server.StartAsync();
        _url = _server.Urls.Single();
        _alice = (await ApiKeys.CreateAsync(_server.Services.GetRequiredService<IControlPlaneStore>(), "alice", ApiKeyRole.User, DateTimeOffset.UtcNow)).Secret;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private QonduitProcess.Outcome Run(params string[] arguments) => QonduitProcess.Run([.. arguments, "--server", _url, "--key", _alice]);

    [Fact]
    public void Validate_checks_a_yaml_file_offline_and_refuses_a_mistyped_edge_with_its_code_and_place()
    {
        var valid = QonduitProcess.Run(["graph", "validate", Sample]);
        Assert.Equal((0, "bell-fan: 3 nodes, valid"), (valid.ExitCode, valid.Stdout.Trim()));

        var bad = Path.Combine(_home, "bad.json");
        File.WriteAllText(bad, """
            {"name": "bad", "nodes": [
              {"id": "a", "kind": "task", "circuit": {"qasm": "OPENQASM 2.0;"}, "requirement": "select[kind=='sim']"},
              {"id": "b", "kind": "task", "circuit": {}, "requirement": "select[kind=='sim']", "inputs": {"circuit": "nodes.a.outputs.counts"}}]}
            """);
        var refused = QonduitProcess.Run(["graph", "validate", bad]);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("graph.edge-type-mismatch", refused.Stderr);
        Assert.Contains("nodes.b.inputs.circuit", refused.Stderr);
    }

    [Fact]
    public void Dot_draws_a_file_with_its_template_in_a_cluster_and_the_edge_into_the_join()
    {
        var dot = QonduitProcess.Run(["graph", "dot", Sample]);
        Assert.Equal(0, dot.ExitCode);
        Assert.StartsWith("digraph \"bell-fan\" {", dot.Stdout);
        Assert.Contains("subgraph \"cluster_nodes.fan\"", dot.Stdout);
        Assert.Contains("\"nodes.fan\" -> \"nodes.all\";", dot.Stdout);
    }

    [Fact]
    public void Submit_starts_a_run_that_show_runs_and_dot_follow_and_cancel_ends()
    {
        var submitted = Run("graph", "submit", Sample, "--inputs", SampleInputs);
        Assert.Equal(0, submitted.ExitCode);
        var runId = Guid.Parse(submitted.Stdout.Trim());

        var shown = Run("graph", "show", runId.ToString(), "--json");
        var run = JsonSerializer.Deserialize(shown.Stdout, WireJson.Default.RunView)!;
        Assert.Equal("running", run.Status);
        Assert.Equal(["running", "running"], run.Nodes.Where(n => n.Key.StartsWith("fan[", StringComparison.Ordinal)).Select(n => n.State));

        var table = Run("graph", "show", runId.ToString());
        Assert.Contains($"run {runId} of graph {run.GraphId}: running", table.Stdout);
        Assert.Contains("fan[1]", table.Stdout);
        Assert.Contains(runId.ToString(), Run("graph", "runs").Stdout);

        var dot = Run("graph", "dot", runId.ToString());
        Assert.Contains("2 running", dot.Stdout);
        Assert.Contains("fillcolor=lightblue", dot.Stdout);

        var cancelled = Run("graph", "cancel", runId.ToString());
        Assert.Equal((0, $"run {runId}: cancelled"), (cancelled.ExitCode, cancelled.Stdout.Trim()));
        Assert.Contains("cancelled", Run("graph", "runs", "--status", "cancelled").Stdout);
    }
}
