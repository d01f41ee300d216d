using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Events;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Events;

/// <summary>`task.progress` on the event stream: live only, for those who may see the task, at most once per task per second.</summary>
public sealed class ProgressEventsTests
{
    private static async Task HeartbeatAsync(ControlPlaneHost host, Guid task, long done) =>
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest("agent-1", [task],
            Progress: new Dictionary<Guid, TaskProgress> { [task] = new(ProgressPhase.Simulate, done, 100, "trajectories", At: host.Clock.GetUtcNow()) })), 200);

    private static long Done(System.Net.ServerSentEvents.SseItem<string> item) =>
        JsonDocument.Parse(item.Data).RootElement.GetProperty("data").GetProperty("done").GetInt64();

    [Fact]
    public async Task Progress_reaches_the_tasks_owner_without_an_id_at_most_once_a_second_and_never_another_user()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await using var alice = await SseReader.OpenAsync(host, host.Alice, "/v1/events?type=task.*");
        await using var bob = await SseReader.OpenAsync(host, host.Bob, "/v1/events?type=task.*");

        await HeartbeatAsync(host, task.Id, 10);
        await HeartbeatAsync(host, task.Id, 20);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await HeartbeatAsync(host, task.Id, 30);
        await HeartbeatAsync(host, task.Id, 30);
        var bobs = await host.SubmitAsync(host.Bob);

        var first = (await alice.NextAsync())!.Value;
        Assert.Equal(TransientEvents.TaskProgress, first.EventType);
        Assert.Null(first.EventId);
        Assert.Equal(task.Id, JsonDocument.Parse(first.Data).RootElement.GetProperty("taskId").GetGuid());
        Assert.Equal(10, Done(first));
        // 20 came within the second and is dropped; the unchanged second 30 is not news.
        var second = (await alice.NextAsync())!.Value;
        Assert.Equal(30, Done(second));
        Assert.Equal(TransientEvents.TaskProgress, second.EventType);
        var bobsFirst = (await bob.NextAsync())!.Value;
        Assert.Equal(EventTypes.TaskQueued, bobsFirst.EventType);
        Assert.Equal(bobs.Id, JsonDocument.Parse(bobsFirst.Data).RootElement.GetProperty("taskId").GetGuid());
    }

    [Fact]
    public async Task Progress_is_not_stored_so_a_replay_from_last_event_id_never_includes_it()
    {
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        var task = await host.SubmitAsync();
        await host.ClaimAsync();
        await HeartbeatAsync(host, task.Id, 10);
        Assert.DoesNotContain(host.Store.ReadEvents(0, Storage.EventFilter.All, 100), e => e.Type == TransientEvents.TaskProgress);

        await using var replay = await SseReader.OpenAsync(host, host.Admin, "/v1/events?type=task.*", lastEventId: 0);
        var cancelled = await host.Alice.PostAsync($"/v1/tasks/{task.Id}/cancel", null);
        await Expect.StatusAsync(cancelled, 200);

        var items = await replay.TakeAsync(3);
        Assert.Equal([EventTypes.TaskQueued, EventTypes.TaskClaimed, EventTypes.TaskCancelled], items.Select(i => i.EventType));
    }
}
