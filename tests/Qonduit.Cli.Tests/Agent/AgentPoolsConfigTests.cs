using Qonduit.Agent.Hosting;

namespace Qonduit.Cli.Tests.Agent;

/// <summary>agent.json `pools`: what the agent serves besides QPUs, checked by the server's rules when the file is read.</summary>
public sealed class AgentPoolsConfigTests
{
    private static AgentConfig Load(string pools) =>
        AgentConfig.Load(QonduitProcess.TempFile("agent.json", $$"""{ "server": "http://x:1", "pools": {{pools}} }"""));

    [Fact]
    public void Pools_of_every_kind_are_read()
    {
        var config = Load("""[{ "name": "sim-local", "kind": "sim", "slots": 8 }, { "name": "cpus", "kind": "cpu", "slots": 64 }, { "name": "gpu_a100", "kind": "gpu", "slots": 1024 }]""");

        Assert.Equal([("sim-local", "sim", 8), ("cpus", "cpu", 64), ("gpu_a100", "gpu", 1024)], config.Pools!.Select(p => (p.Name, p.Kind, p.Slots)));
    }

    [Theory]
    [InlineData("""[{ "name": "Sim Local", "kind": "sim", "slots": 1 }]""", "pool name 'Sim Local'")]
    [InlineData("""[{ "kind": "sim", "slots": 1 }]""", "pool name ''")]
    [InlineData("""[{ "name": "qpus", "kind": "qpu", "slots": 1 }]""", "kind 'qpu' is not one of sim, cpu, gpu")]
    [InlineData("""[{ "name": "sims", "slots": 1 }]""", "kind '' is not one of")]
    [InlineData("""[{ "name": "sims", "kind": "sim", "slots": 0 }]""", "slots must be 1..1024, not 0")]
    [InlineData("""[{ "name": "sims", "kind": "sim", "slots": 1025 }]""", "slots must be 1..1024, not 1025")]
    [InlineData("""[{ "name": "sims", "kind": "sim", "slots": 1 }, { "name": "sims", "kind": "cpu", "slots": 2 }]""", "pool 'sims' is declared twice")]
    [InlineData("""[null]""", "a pool is null")]
    [InlineData("""[{ "name": "sims", "kind": "sim", "slots": 1, "gpus": 2 }]""", "gpus")]
    [InlineData("""[{ "name": "sims", "kind": "sim", "slots": "many" }]""", "slots")]
    public void A_bad_pool_is_refused_with_what_is_wrong(string pools, string problem)
    {
        var error = Assert.Throws<AgentConfigException>(() => Load(pools));

        Assert.Equal("agent.config-invalid", error.Code);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
