using System.Net.Http.Json;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Agents;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>The progress an agent's heartbeat carries, as the task view shows it.</summary>
public sealed class TaskProgressTests
{
    private static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, Guid[] listed, Dictionary<Guid, TaskProgress>? progress, string agentId = "agent-1") =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest(agentId, listed, Progress: progress));

    private static async Task<TaskView> ViewAsync(ControlPlaneHost host, Guid id) => (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{id}"))!;

    [Fact]
    public async Task The_latest_heartbeat_progress_of_a_running_task_is_in_its_view_with_the_servers_estimate_and_the_step_stays_apart()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        Assert.Null((await ViewAsync(host, task.Id)).Progress);
        var start = host.Clock.GetUtcNow();

        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = new(ProgressPhase.Simulate, 10, 100, "trajectories", At: start) }), 200);
        Assert.Null((await ViewAsync(host, task.Id)).Progress!.EtaSeconds);
        // 50 trajectories in the 5 s between the runner's two lines: the 40 left take 4 s at that pace.
        var latest = new TaskProgress(ProgressPhase.Simulate, 60, 100, "trajectories", At: start.AddSeconds(5));
        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = latest }), 200);

        var view = await ViewAsync(host, task.Id);
        Assert.Equal(latest with { EtaSeconds = 4 }, view.Progress);
        Assert.Equal(TaskPhase.Claimed, view.Step);
        var json = await host.Alice.GetStringAsync($"/v1/tasks/{task.Id}");
        Assert.Contains("\"step\":\"claimed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"progress\":{\"phase\":\"simulate\",\"done\":60,\"total\":100,\"unit\":\"trajectories\",\"etaSeconds\":4,\"at\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_phase_starts_a_new_estimate_and_an_estimate_an_agent_sends_is_not_believed()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        var start = host.Clock.GetUtcNow();
        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = new(ProgressPhase.Simulate, 0, 100, "trajectories", At: start) }), 200);
        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = new(ProgressPhase.Simulate, 100, 100, "trajectories", At: start.AddSeconds(1)) }), 200);

        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = new(ProgressPhase.Sample, 10, 1000, "shots", EtaSeconds: 1, At: start.AddSeconds(2)) }), 200);

        Assert.Null((await ViewAsync(host, task.Id)).Progress!.EtaSeconds);
    }

    [Fact]
    public async Task Task_events_name_the_scheduler_step_as_step()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.SubmitAsync();
        await host.ClaimAsync();

        var claimed = Assert.Single(host.Store.ReadEvents(0, Storage.EventFilter.All, 100), e => e.Type == "task.claimed");

        Assert.Contains("\"step\":\"claimed\"", claimed.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("\"phase\"", claimed.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requeued_task_shows_no_progress_of_its_earlier_attempt()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host, [task.Id], new() { [task.Id] = new(ProgressPhase.Sample, 5, 10, "shots") }), 200);

        await Expect.StatusAsync(await host.Admin.PostAsJsonAsync($"/v1/tasks/{task.Id}/requeue", new RequeueRequest(Force: true)), 200);
        Assert.Null((await ViewAsync(host, task.Id)).Progress);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.ClaimAsync();

        Assert.Null((await ViewAsync(host, task.Id)).Progress);
    }

    public static TheoryData<string, string> BadProgress() => new()
    {
        { "unlisted", "not among the listed taskIds" },
        { "done-over-total", "done exceeds total" },
        { "negative", "a negative count" },
        { "no-unit", "a unit of 1 to 32 characters" },
        { "infinite-eta", "etaSeconds is negative or not finite" },
    };

    [Theory]
    [MemberData(nameof(BadProgress))]
    public async Task Malformed_progress_refuses_the_heartbeat_with_a_typed_problem_saying_what_is_wrong(string kind, string why)
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        var progress = kind switch
        {
            "done-over-total" => new TaskProgress(ProgressPhase.Simulate, 11, 10, "trajectories"),
            "negative" => new TaskProgress(ProgressPhase.Simulate, -1, 10, "trajectories"),
            "no-unit" => new TaskProgress(ProgressPhase.Simulate, 1, 10, " "),
            "infinite-eta" => new TaskProgress(ProgressPhase.Simulate, 1, 10, "trajectories", -3),
            _ => new TaskProgress(ProgressPhase.Simulate, 1, 10, "trajectories"),
        };
        Guid[] listed = kind == "unlisted" ? [] : [task.Id];

        var problem = await Expect.ProblemAsync(await HeartbeatAsync(host, listed, new() { [task.Id] = progress }), 400, "agent.invalid-progress");

        Assert.Contains(why, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await ViewAsync(host, task.Id)).Progress);
    }
}
