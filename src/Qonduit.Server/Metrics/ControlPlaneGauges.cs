using Prometheus;
using Qonduit.Server.Agents;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;

namespace Qonduit.Server.Metrics;

/// <summary>The control plane's own state, read at scrape time: tasks by state, queues, lanes, subscribers, stale agents.</summary>
internal sealed class ControlPlaneGauges(IMetricFactory factory)
{
    private readonly ScrapedGauge _tasks = new(factory, "qonduit_tasks", "Tasks by lifecycle state.", "state");
    private readonly ScrapedGauge _queueDepth = new(factory, "qonduit_queue_depth", "Queued tasks per device.", "device");
    private readonly ScrapedGauge _lanes = new(factory, "qonduit_device_lanes", "Execution lanes per device.", "device");
    private readonly ScrapedGauge _lanesInUse = new(factory, "qonduit_device_lanes_in_use", "Lanes held by active leases per device.", "device");
    private readonly Counter _cacheHits = factory.CreateCounter("qonduit_device_cache_hits_total", "Device reads answered from the cache.");
    private readonly Counter _evictions = factory.CreateCounter("qonduit_sse_evictions_total", "SSE subscribers disconnected for falling behind.");
    private readonly ScrapedGauge _subscribers = new(factory, "qonduit_sse_subscribers", "Connected SSE subscribers.");
    private readonly ScrapedGauge _staleAgents = new(factory, "qonduit_agents_stale", "Agents whose last heartbeat is older than the stale window.");
    private readonly ScrapedGauge _staleTasks = new(factory, "qonduit_tasks_stale", "Running tasks whose owner is stale.");

    public void Publish(IControlPlaneStore store, StoreStatistics statistics, AgentLiveness liveness, EventHub hub, DeviceRegistry devices, LeaseBook leases)
    {
        _tasks.Publish(Enum.GetValues<TaskState>().Select(s => ScrapedGauge.Series(statistics.TasksByState.GetValueOrDefault(s), s.Name())));
        _queueDepth.Publish(statistics.QueueDepthByDevice.Select(d => ScrapedGauge.Series(d.Value, d.Key)));
        var registered = devices.List();
        var inUse = leases.LanesInUse(registered);
        _lanes.Publish(registered.Select(d => ScrapedGauge.Series(d.Lanes, d.Device)));
        _lanesInUse.Publish(registered.Select(d => ScrapedGauge.Series(inUse.GetValueOrDefault(d.Device), d.Device)));
        _cacheHits.IncTo(devices.CacheHits);
        _evictions.IncTo(hub.Evictions);
        _subscribers.Publish(hub.SubscriberCount);
        var stale = liveness.StaleAgents();
        _staleAgents.Publish(stale.Count);
        _staleTasks.Publish(stale.Sum(a => (double)store.ListTasks(new TaskQuery(State: TaskState.Running, Owner: a, Limit: 10_000)).Count));
    }
}
