using System.Net.Http.Json;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

/// <summary>
/// Reclaim's path to the agent: a held task whose slot fair share takes back is named in the heartbeat answer's
/// `interrupted` until it leaves the agent, and a waiting heartbeat answers as soon as one is interrupted.
/// </summary>
public sealed class HeartbeatInterruptTests
{
    /// <summary>Reclaim's interrupt, as `ReclaimMonitor` applies it: the task's interrupt and its `task.interrupted` event.</summary>
    private static Task InterruptAsync(ControlPlaneHost host, Guid id) =>
        host.Get<TaskLedger>().ApplyAsync(id, (_, _) => new TaskOperation.Interrupt("/chem"));

    private static async Task<HeartbeatResponse> HeartbeatAsync(ControlPlaneHost host, IReadOnlyList<Guid> held)
    {
        using var response = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", held));
        await Expect.StatusAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!;
    }

    [Fact]
    public async Task An_interrupted_task_is_named_in_every_answer_and_stays_held()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var interrupted = await host.SubmitAsync();
        await host.ClaimAsync();
        var running = await host.SubmitAsync();
        await host.ClaimAsync();
        await InterruptAsync(host, interrupted.Id);

        var first = await HeartbeatAsync(host, [interrupted.Id, running.Id]);
        var second = await HeartbeatAsync(host, [interrupted.Id, running.Id]);

        Assert.Equal([interrupted.Id], first.Interrupted);
        Assert.Equal([interrupted.Id], second.Interrupted);
        Assert.Empty(second.Cancelled);
        Assert.Empty(second.Unknown);
    }

    [Fact]
    public async Task A_task_the_agent_does_not_list_is_not_named()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var listed = await host.SubmitAsync();
        await host.ClaimAsync();
        await InterruptAsync(host, listed.Id);

        var answer = await HeartbeatAsync(host, []);

        Assert.Empty(answer.Interrupted!);
    }

    [Fact]
    public async Task A_waiting_heartbeat_answers_as_soon_as_a_listed_task_is_interrupted()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        var other = await host.SubmitAsync();
        await host.ClaimAsync("agent-2");

        var heartbeat = host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [task.Id], WaitMs: 60_000));
        await InterruptAsync(host, other.Id);
        Assert.False(heartbeat.IsCompleted);
        await InterruptAsync(host, task.Id);

        using var response = await heartbeat.WaitAsync(TimeSpan.FromSeconds(10));
        await Expect.StatusAsync(response, 200);
        var answer = (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!;
        Assert.Equal([task.Id], answer.Interrupted);
        Assert.Empty(answer.Cancelled);
    }

    [Fact]
    public async Task A_waiting_heartbeat_that_names_an_interrupt_answers_at_once()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await InterruptAsync(host, task.Id);

        using var response = await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [task.Id], WaitMs: 60_000))
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([task.Id], (await response.Content.ReadFromJsonAsync<HeartbeatResponse>())!.Interrupted);
    }

    [Fact]
    public async Task An_interrupted_task_cancelled_since_is_named_as_cancelled_only()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await InterruptAsync(host, task.Id);
        await Expect.StatusAsync(await host.Alice.PostAsync($"/v1/tasks/{task.Id}/cancel", null), 200);

        var answer = await HeartbeatAsync(host, [task.Id]);

        Assert.Equal([task.Id], answer.Cancelled);
        Assert.Empty(answer.Interrupted!);
    }
}
