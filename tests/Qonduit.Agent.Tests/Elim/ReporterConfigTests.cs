using Microsoft.Extensions.Logging.Abstractions;
using Qonduit.Agent.Hosting;

namespace Qonduit.Agent.Tests.Elim;

/// <summary>agent.json `reporters`: read with the file, checked against the pools and devices when the agent starts.</summary>
public sealed class ReporterConfigTests : IDisposable
{
    private readonly ReporterScripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    private AgentHost Start(string reporters)
    {
        var path = Path.Combine(_scripts.Root, "agent.json");
        File.WriteAllText(path, $$"""
            { "server": "http://127.0.0.1:1", "apiKey": "k", "runnerCommand": ["/bin/true"], "devices": ["qpu-1"],
              "pools": [{ "name": "gpus", "kind": "gpu", "slots": 2 }], "reporters": {{reporters}} }
            """);
        return AgentHost.Build(AgentConfig.Load(path), NullLoggerFactory.Instance);
    }

    [Fact]
    public void Reporters_for_a_pool_a_device_and_every_resource_start_with_the_agent()
    {
        var script = _scripts.Write("load", "echo '1 cpu_load 1'");

        using var host = Start($$"""[{ "command": "{{script}}", "args": ["15"], "resource": "gpus" }, { "command": "{{script}}", "resource": "qpu-1" }, { "command": "{{script}}" }]""");

        Assert.Equal(3, host.Worker.Reporters.Count);
    }

    [Theory]
    [InlineData("""[{ "command": "load.sh" }]""", "reporter 0 ('load.sh'): command must be an absolute path")]
    [InlineData("""[{ "command": "/no/such/reporter" }]""", "reporter 0 ('/no/such/reporter'): command must be an existing file")]
    [InlineData("""[{ "command": "/bin/sh", "resource": "cpus" }]""", "reporter 0 ('/bin/sh'): resource 'cpus' must be one of the agent's pools or devices (gpus, qpu-1)")]
    [InlineData("""[{ "command": "/bin/sh", "interval": 5 }]""", "interval")]
    public void A_bad_reporter_stops_the_agent_at_start_naming_the_reporter_and_the_rule(string reporters, string problem)
    {
        var error = Assert.Throws<AgentConfigException>(() => Start(reporters));

        Assert.Equal("agent.config-invalid", error.Code);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pool_select_that_does_not_parse_stops_the_agent_at_start_with_its_column()
    {
        var path = Path.Combine(_scripts.Root, "agent.json");
        File.WriteAllText(path, """
            { "server": "http://127.0.0.1:1", "apiKey": "k", "runnerCommand": ["/bin/true"],
              "pools": [{ "name": "sims", "kind": "sim", "slots": 2, "select": "mem_free>=" }] }
            """);

        var error = Assert.Throws<AgentConfigException>(() => AgentConfig.Load(path));

        Assert.Contains("pools: pool 'sims': select, column", error.Message, StringComparison.Ordinal);
    }
}
