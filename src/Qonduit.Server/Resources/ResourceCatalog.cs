using Qonduit.Contracts.Resources;
using Qonduit.Devices.Snapshots;
using Qonduit.Placement.Indices;
using Qonduit.Server.Agents;
using Qonduit.Server.Devices;
using Qonduit.Server.Leases;
using Qonduit.Server.Metrics;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Resources;

/// <summary>
/// Every resource placement can choose: each registered device as a QPU with its lanes, and each pool agents declare, with
/// their built-in load indices computed at read time from the current snapshot, the queue and the leases (so they are
/// never stale). A pool declared by several agents is one resource: its slots are the live agents' sum, its kind the
/// latest declaration's. A device and a pool of one name are both listed; `show` finds the device. Beside the built-in
/// indices each resource shows the values reported for it (<see cref="LoadIndexBoard"/>), with their age and staleness.
/// </summary>
public sealed class ResourceCatalog(DeviceRegistry registry, LeaseBook leases, IControlPlaneStore store, PoolBoard pools, AgentLiveness liveness,
    LoadIndexBoard reported, LoadIndexCatalog declared, TimeProvider time)
{
    /// <param name="running">The running requirement tasks when the caller has read them already (a pool's `slots_free`).</param>
    public IReadOnlyList<ResourceView> List(IReadOnlyList<PlacedRun>? running = null)
    {
        var now = time.GetUtcNow();
        return [.. Qpus(now), .. Pools(now, running ?? store.RunningPlaced())];
    }

    public ResourceView Find(string name) =>
        List().FirstOrDefault(r => r.Name == name) ?? throw Unknown(name);

    private RefusedException Unknown(string name) =>
        new(new Refusal(ErrorCodes.Resource.NotFound, $"no resource '{name}'")
        {
            Details = new Dictionary<string, object?> { ["suggestions"] = Suggestions.For(name, List().Select(r => r.Name).Distinct()) },
        });

    private IEnumerable<ResourceView> Qpus(DateTimeOffset now)
    {
        var devices = registry.List();
        var inUse = leases.LanesInUse(devices);
        var queues = store.Statistics().QueueDepthByDevice;
        foreach (var summary in devices)
        {
            if (registry.Current(summary.Device) is not { } device) continue;
            var snapshot = device.Snapshot;
            var indices = new Dictionary<string, IndexValue>(StringComparer.Ordinal)
            {
                [BuiltInIndices.Kind.Name] = IndexValue.Of("qpu"),
                [BuiltInIndices.Resource.Name] = IndexValue.Of(summary.Device),
                [BuiltInIndices.NumQubits.Name] = IndexValue.Of(snapshot.NumQubits),
            };
            var medians = CalibrationSummary.Of(snapshot).ToDictionary(s => s.Kind, s => s.Median, StringComparer.Ordinal);
            if (medians.TryGetValue("2q", out var twoQubit)) indices[BuiltInIndices.QpuFidelity.Name] = IndexValue.Of(1 - twoQubit);
            if (medians.TryGetValue("readout", out var readout)) indices[BuiltInIndices.QpuReadoutFidelity.Name] = IndexValue.Of(1 - readout);
            indices[BuiltInIndices.QpuCalibrationAge.Name] = IndexValue.Of(Math.Max(0, (now - snapshot.CreatedAt).TotalSeconds));
            indices[BuiltInIndices.QpuQueueDepth.Name] = IndexValue.Of(queues.GetValueOrDefault(summary.Device));
            indices[BuiltInIndices.QpuLanesFree.Name] = IndexValue.Of(Math.Max(0, device.Stored.Lanes - inUse.GetValueOrDefault(summary.Device)));
            var online = snapshot.Qubits.Any(q => q.Status == QubitStatus.Online);
            yield return new ResourceView(summary.Device, "qpu", device.Stored.Lanes, null, online ? "online" : "down", WithReported(summary.Device, Views(indices, now, now), now));
        }
    }

    private IEnumerable<ResourceView> Pools(DateTimeOffset now, IReadOnlyList<PlacedRun> running)
    {
        var held = running.CountBy(r => r.Resource, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var group in Declared(now).GroupBy(d => d.Pool.Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latest = group.MaxBy(d => d.At);
            var live = group.Where(d => d.Live).ToList();
            var slots = Slots(group);
            var indices = new Dictionary<string, IndexValue>(StringComparer.Ordinal)
            {
                [BuiltInIndices.Kind.Name] = IndexValue.Of(latest.Pool.Kind),
                [BuiltInIndices.Resource.Name] = IndexValue.Of(group.Key),
                [BuiltInIndices.SlotsFree.Name] = IndexValue.Of(Math.Max(0, slots - held.GetValueOrDefault(group.Key))),
            };
            yield return new ResourceView(group.Key, latest.Pool.Kind, null, slots, live.Count > 0 ? "online" : "offline",
                WithReported(group.Key, Views(indices, latest.At, now), now), [.. group.Select(d => d.AgentId).Order(StringComparer.Ordinal)],
                [.. live.SelectMany(d => pools.CommandsOf(d.AgentId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>
    /// How many tasks a resource runs at once, without reading its indices: a device's lanes (the device wins a name
    /// both have), a pool's slots; 0 for a name that is neither.
    /// </summary>
    public int Capacity(string name, DateTimeOffset now)
    {
        if (registry.Current(name) is { } device) return device.Stored.Lanes;
        var group = Declared(now).Where(d => d.Pool.Name == name).ToList();
        return group.Count == 0 ? 0 : Slots(group);
    }

    private IEnumerable<(string AgentId, PoolDeclaration Pool, DateTimeOffset At, bool Live)> Declared(DateTimeOffset now) =>
        from entry in pools.All()
        from pool in entry.Declared.Pools
        select (entry.AgentId, Pool: pool, entry.Declared.At, Live: !liveness.IsStale(entry.Declared.At, now));

    /// <summary>A pool's slots are its live agents' sum (every declaring agent's while none is live).</summary>
    private static int Slots(IEnumerable<(string AgentId, PoolDeclaration Pool, DateTimeOffset At, bool Live)> declarations)
    {
        var all = declarations.ToList();
        var live = all.Where(d => d.Live).ToList();
        return (live.Count > 0 ? live : all).Sum(d => d.Pool.Slots);
    }

    /// <summary>Built-in values are computed from the server's own state, so their sample never ages (<see cref="Staleness"/>).</summary>
    private static Dictionary<string, LoadIndexView> Views(Dictionary<string, IndexValue> values, DateTimeOffset at, DateTimeOffset now) =>
        values.ToDictionary(v => v.Key, v =>
        {
            var sample = new IndexSample(v.Value, at, Timeout.InfiniteTimeSpan);
            return new LoadIndexView(v.Value.ToJson(), BuiltInIndices.Catalog.Find(v.Key)?.Unit, at, Staleness.Of(sample, now) != Freshness.Fresh);
        }, StringComparer.Ordinal);

    /// <summary>Reported values beside the built-in ones; a built-in name is the server's and is never shadowed by a report.</summary>
    private Dictionary<string, LoadIndexView> WithReported(string resource, Dictionary<string, LoadIndexView> builtIn, DateTimeOffset now)
    {
        foreach (var (name, sample) in reported.Values(resource, now))
            builtIn.TryAdd(name, new LoadIndexView(sample.Value.ToJson(), declared.Reported.Find(name)?.Unit, sample.ReceivedAt,
                Staleness.Of(sample, now) != Freshness.Fresh));
        return builtIn;
    }

}
