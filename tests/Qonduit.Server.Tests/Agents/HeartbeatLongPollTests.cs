using System.Net.Http.Json;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

/// <summary>A heartbeat with waitMs waits for a listed task's cancellation, so the agent stops its job at once.</summary>
public sealed class HeartbeatLongPollTests
{
    [Fact]
    public async Task A_waiting_heartbeat_answers_as_soon_as_a_listed_task_is_cancelled()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        var other = await host.SubmitAsync();

        var heartbeat = host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [task.Id], WaitMs: 60_000));
        await Expect.StatusAsync(await host.Alice.PostAsync($"/v1/tasks/{other.Id}/cancel", null), 200);
        Assert.False(heartbeat.IsCompleted);
        await Expect.StatusAsync(await host.Alice.PostAsync($"/v1/tasks/{task.Id}/cancel", null), 200);

        using var response = await heartbeat.WaitAsync(TimeSpan.FromSeconds(10));
        await Expect.StatusAsync(response, 200);
        var answer = (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!;
        Assert.Equal([task.Id], answer.Cancelled);
        Assert.Empty(answer.Unknown);
    }

    [Fact]
    public async Task A_waiting_heartbeat_with_nothing_cancelled_answers_empty_when_its_wait_is_over()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();

        var heartbeat = host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [task.Id], WaitMs: 5_000));
        await Eventually.TrueAsync(() =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(1));
            return heartbeat.IsCompleted;
        }, "the end of the wait");

        using var response = await heartbeat;
        var answer = (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!;
        Assert.Empty(answer.Cancelled);
        Assert.Empty(answer.Unknown);
    }

    [Fact]
    public async Task A_negative_wait_is_refused_with_a_typed_problem()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var response = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [], WaitMs: -1));

        await Expect.ProblemAsync(response, 400, "agent.invalid-wait");
    }
}
