using System.Net;
using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;

namespace Qonduit.Client.Tests;

/// <summary>Resources through the client, with the agent's own HTTP adapter declaring its pools on the heartbeat.</summary>
public sealed class ResourceClientTests
{
    [Fact]
    public async Task The_pools_the_agent_adapter_declares_reach_the_client_beside_the_qpus()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var user = new QonduitClient(host.Alice, apiKey: null);
        var agentKey = await host.KeyAsync("agent", ApiKeyRole.Agent);
        var agent = new HttpControlPlane(host.WithKey(agentKey), agentKey, "agent-1", pools: [new PoolDeclaration("cpus", "cpu", 16)]);

        await agent.HeartbeatAsync("i-1", [], new Dictionary<string, TaskProgress>(), TimeSpan.FromSeconds(5), TimeSpan.Zero,
            new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>(), default);

        var listed = await user.ListResourcesAsync();
        Assert.Equal([("line5", "qpu", "online"), ("cpus", "cpu", "online")], listed.Select(r => (r.Name, r.Kind, r.State)));
        var cpus = await user.GetResourceAsync("cpus");
        Assert.Equal(16, cpus.Slots);
        Assert.Equal(["agent-1"], cpus.Agents);
        var unknown = await Assert.ThrowsAsync<QonduitApiException>(() => user.GetResourceAsync("cpu"));
        Assert.Equal((HttpStatusCode.NotFound, "resource.not-found"), (unknown.Status, unknown.Code));
    }
}
