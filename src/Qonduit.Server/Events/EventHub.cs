using System.Threading.Channels;

namespace Qonduit.Server.Events;

/// <summary>
/// Fans committed events out to live subscribers. Each subscriber has a bounded queue; publication only ever
/// tries to enqueue, and a subscriber whose queue is full is evicted (its stream ends; it reconnects with
/// Last-Event-ID and replays from the store). So a slow reader never holds up a transition.
/// </summary>
public sealed class EventHub
{
    private readonly Lock _gate = new();
    private Subscription[] _subscribers = [];
    private long _evictions;

    public int SubscriberCount => Volatile.Read(ref _subscribers).Length;

    public long Evictions => Interlocked.Read(ref _evictions);

    public Subscription Subscribe(EventFilter filter, int capacity)
    {
        var subscription = new Subscription(this, filter, capacity);
        lock (_gate) _subscribers = [.. _subscribers, subscription];
        return subscription;
    }

    /// <summary>Called in store order, right after the commit that appended <paramref name="events"/>.</summary>
    public void Publish(IReadOnlyList<EventRecord> events)
    {
        if (events.Count == 0) return;
        var subscribers = Volatile.Read(ref _subscribers);
        foreach (var e in events)
        {
            foreach (var subscriber in subscribers) subscriber.Offer(e);
        }
    }

    private void Remove(Subscription subscription, bool evicted)
    {
        lock (_gate) _subscribers = [.. _subscribers.Where(s => s != subscription)];
        if (evicted) Interlocked.Increment(ref _evictions);
    }

    public sealed class Subscription : IDisposable
    {
        private readonly EventHub _hub;
        private readonly EventFilter _filter;
        private readonly Channel<EventRecord> _queue;
        private int _closed;

        internal Subscription(EventHub hub, EventFilter filter, int capacity)
        {
            _hub = hub;
            _filter = filter;
            _queue = Channel.CreateBounded<EventRecord>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleReader = true,
                SingleWriter = false,
            });
        }

        public ChannelReader<EventRecord> Reader => _queue.Reader;

        /// <summary>True once the hub dropped this subscriber for falling behind.</summary>
        public bool Evicted { get; private set; }

        internal void Offer(EventRecord e)
        {
            if (!_filter.Matches(e) || _queue.Writer.TryWrite(e)) return;
            Evicted = true;
            Close(evicted: true);
        }

        public void Dispose() => Close(evicted: false);

        private void Close(bool evicted)
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0) return;
            _queue.Writer.TryComplete();
            _hub.Remove(this, evicted);
        }
    }
}
