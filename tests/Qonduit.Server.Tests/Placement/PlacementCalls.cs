using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Resources;
using Qonduit.Server.Events;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Placement;

/// <summary>The calls placement tests make: a requirement task submitted, a claim with no wait, a pool declared, the recorded decision.</summary>
internal static class PlacementCalls
{
    internal static Task<HttpResponseMessage> SubmitAsync(ControlPlaneHost host, string? requirement, string? device = "line5", string? noise = null,
        string circuit = Samples.Bell) =>
        host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(device, circuit, null, 100, Requirement: requirement, Noise: noise));

    internal static async Task<TaskView> SubmittedAsync(ControlPlaneHost host, string requirement, string? noise = null)
    {
        var response = await SubmitAsync(host, requirement, noise: noise);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<TaskView>())!;
    }

    /// <summary>One claim with no wait: the task taken, or null (204).</summary>
    internal static async Task<ClaimResponse?> ClaimAsync(ControlPlaneHost host, string agentId, params string[] devices)
    {
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest(agentId, 1, devices, 0, "i-1"));
        if ((int)response.StatusCode == 204) return null;
        await Expect.StatusAsync(response, 200);
        return await response.Content.ReadFromJsonAsync<ClaimResponse>();
    }

    internal static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, string agentId, params PoolDeclaration[] pools) =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest(agentId, [], "i-1", 5_000, Pools: pools));

    internal static JsonElement ClaimEvent(ControlPlaneHost host, Guid task)
    {
        var claimed = host.Store.ReadEvents(0, new Storage.EventFilter(TaskId: task), 100).Single(e => e.Type == EventTypes.TaskClaimed);
        return JsonDocument.Parse(claimed.Data).RootElement;
    }
}
