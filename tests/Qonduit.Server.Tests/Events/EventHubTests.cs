using Qonduit.Server.Events;

namespace Qonduit.Server.Tests.Events;

public sealed class EventHubTests
{
    private static EventRecord Event(long sequence, string type = "task.queued") =>
        new(sequence, type, Guid.Empty, "line5", "alice", DateTimeOffset.UnixEpoch, "{}");

    [Fact]
    public void A_slow_subscriber_is_evicted_while_ten_thousand_events_are_still_published_to_the_others()
    {
        var hub = new EventHub();
        using var slow = hub.Subscribe(EventFilter.All, capacity: 100);
        using var fast = hub.Subscribe(EventFilter.All, capacity: 20_000);

        hub.Publish([.. Enumerable.Range(1, 10_000).Select(i => Event(i))]);

        Assert.True(slow.Evicted);
        Assert.Equal(1, hub.Evictions);
        Assert.Equal(1, hub.SubscriberCount);
        Assert.Equal(100, slow.Reader.Count);
        Assert.Equal(10_000, fast.Reader.Count);
    }

    [Fact]
    public void A_subscriber_receives_only_what_its_filter_matches()
    {
        var hub = new EventHub();
        using var completions = hub.Subscribe(new EventFilter(Types: ["task.completed", "device.*"]), 10);
        using var bobs = hub.Subscribe(new EventFilter(Tenant: "bob"), 10);
        hub.Publish([Event(1), Event(2, "task.completed"), Event(3, "device.updated") with { Tenant = null }]);

        Assert.Equal(2, completions.Reader.Count);
        Assert.True(bobs.Reader.TryRead(out var seen));
        Assert.Equal(3, seen.Sequence);
        Assert.False(bobs.Reader.TryRead(out _));
    }

    [Fact]
    public void Disposing_a_subscription_removes_it_without_counting_an_eviction()
    {
        var hub = new EventHub();
        hub.Subscribe(EventFilter.All, 1).Dispose();
        hub.Publish([Event(1), Event(2)]);
        Assert.Equal((0, 0L), (hub.SubscriberCount, hub.Evictions));
    }
}
