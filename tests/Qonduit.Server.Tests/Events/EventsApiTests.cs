using System.Text.Json;
using Qonduit.Server.Events;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Events;

public sealed class EventsApiTests
{
    [Fact]
    public async Task Events_arrive_in_store_order_with_the_sequence_as_id()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await using var stream = await SseReader.OpenAsync(host, host.Admin, "/v1/events?type=task.*");
        var a = await host.SubmitAsync();
        await host.ClaimAsync();
        var b = await host.SubmitAsync();

        var items = await stream.TakeAsync(3);
        Assert.Equal([EventTypes.TaskQueued, EventTypes.TaskClaimed, EventTypes.TaskQueued], items.Select(i => i.EventType));
        var ids = items.Select(i => long.Parse(i.EventId!)).ToList();
        Assert.Equal(ids.Order(), ids);
        var stored = host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["task.*"]), 10);
        Assert.Equal(stored.Select(e => e.Sequence), ids);
        var data = JsonDocument.Parse(items[2].Data).RootElement;
        Assert.Equal(b.Id, data.GetProperty("taskId").GetGuid());
        Assert.Equal(a.Id, JsonDocument.Parse(items[1].Data).RootElement.GetProperty("data").GetProperty("taskId").GetGuid());
    }

    [Fact]
    public async Task Last_event_id_replays_what_came_after_it_from_the_store_then_continues_live()
    {
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        for (var i = 0; i < 4; i++) await host.SubmitAsync();
        var all = host.Store.ReadEvents(0, Storage.EventFilter.All, 100);
        var resumeAfter = all[2].Sequence;

        await using var stream = await SseReader.OpenAsync(host, host.Admin, "/v1/events", resumeAfter);
        var replayed = await stream.TakeAsync(all.Count - 3);
        Assert.Equal(all.Skip(3).Select(e => e.Sequence.ToString()), replayed.Select(i => i.EventId));
        var live = await host.SubmitAsync();
        var next = (await stream.NextAsync())!.Value;
        Assert.Equal(live.Id, JsonDocument.Parse(next.Data).RootElement.GetProperty("taskId").GetGuid());
        Assert.True(long.Parse(next.EventId!) > all[^1].Sequence);
    }

    [Fact]
    public async Task An_idle_stream_gets_keep_alive_comments()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.KeepAliveInterval = TimeSpan.FromSeconds(10));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        var sending = host.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await Eventually.TrueAsync(() =>
        {
            host.Clock.Advance(TimeSpan.FromSeconds(11));
            return sending.IsCompleted;
        }, "a keep-alive");
        using var response = await sending;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": keep-alive", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Filters_select_by_task_device_and_type_and_users_see_only_their_own_tasks()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.RegisterAsync(Samples.Line("other"));
        var mine = await host.SubmitAsync(host.Alice);
        await using var byTask = await SseReader.OpenAsync(host, host.Admin, $"/v1/events?task={mine.Id}", 0);
        await using var byDevice = await SseReader.OpenAsync(host, host.Admin, "/v1/events?device=other&type=task.queued", 0);
        await using var bobs = await SseReader.OpenAsync(host, host.Bob, "/v1/events?type=task.*", 0);

        await host.SubmitAsync(host.Alice, device: "other");
        var bobsTask = await host.SubmitAsync(host.Bob);
        await host.Alice.PostAsync($"/v1/tasks/{mine.Id}/cancel", null);

        Assert.Equal([EventTypes.TaskQueued, EventTypes.TaskCancelled], (await byTask.TakeAsync(2)).Select(i => i.EventType));
        Assert.Equal("other", JsonDocument.Parse((await byDevice.NextAsync())!.Value.Data).RootElement.GetProperty("device").GetString());
        var bobSees = JsonDocument.Parse((await bobs.NextAsync())!.Value.Data).RootElement;
        Assert.Equal(bobsTask.Id, bobSees.GetProperty("taskId").GetGuid());
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_evicted_and_catches_up_by_replay()
    {
        await using var host = await ControlPlaneHost.StartAsync(configure: o => o.SubscriberQueueCapacity = 1);
        var hub = host.Get<EventHub>();
        await using var stream = await SseReader.OpenAsync(host, host.Admin, "/v1/events?type=test.*");
        await host.Store.WriteAsync(w =>
        {
            for (var i = 0; i < 10_000; i++) w.Append(new NewEvent("test.burst", null, null, null, $$"""{"i":{{i}}}"""), host.Clock.GetUtcNow());
            return 0;
        }, hub.Publish);

        var received = new List<long>();
        System.Net.ServerSentEvents.SseItem<string>? item;
        while ((item = await stream.NextAsync()) is { EventType: not "evicted" } live) received.Add(long.Parse(live.EventId!));
        Assert.NotNull(item);
        Assert.True(hub.Evictions >= 1);

        await using var resumed = await SseReader.OpenAsync(host, host.Admin, "/v1/events?type=test.*", received.Count == 0 ? 0 : received[^1]);
        received.AddRange((await resumed.TakeAsync(10_000 - received.Count)).Select(i => long.Parse(i.EventId!)));
        Assert.Equal(host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["test.*"]), 20_000).Select(e => e.Sequence), received);
    }
}
