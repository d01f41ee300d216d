using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Events;
using Qonduit.Server.Leases;
using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Devices;

/// <summary>
/// The device registry (D7): every change is a new immutable version appended in one transaction with its event.
/// Reads of the current version are served from a TTL cache; a mutation bumps a generation that makes every cached
/// entry invalid at once, even one a concurrent reader stores after the commit. Claims never come here: they read
/// the store inside their own transaction.
/// </summary>
public sealed class DeviceRegistry(IControlPlaneStore store, EventHub hub, LaneSignal laneSignal, TimeProvider time, IOptions<ServerOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, int), LoadedDevice> _versions = new();
    private long _generation;
    private long _hits;
    private (long Generation, DateTimeOffset Expires, IReadOnlyList<DeviceVersionSummary> Devices)? _list;

    /// <summary>Reads answered from the cache (exported in /metrics).</summary>
    public long CacheHits => Interlocked.Read(ref _hits);

    /// <summary>The current version, possibly from the cache (never older than the last mutation).</summary>
    public LoadedDevice? Current(string device)
    {
        var generation = Volatile.Read(ref _generation);
        var now = time.GetUtcNow();
        if (_current.TryGetValue(device, out var entry) && entry.Generation == generation && entry.Expires > now)
        {
            Interlocked.Increment(ref _hits);
            return entry.Device;
        }
        var stored = store.GetDevice(device);
        if (stored is null) return null;
        var loaded = Load(stored);
        _current[device] = new Entry(loaded, generation, now + options.Value.DeviceCacheTtl);
        return loaded;
    }

    /// <summary>A given version; versions are immutable, so they are cached without expiry.</summary>
    public LoadedDevice? Version(string device, int version)
    {
        if (_versions.TryGetValue((device, version), out var cached)) return cached;
        var stored = store.GetDevice(device, version);
        return stored is null ? null : _versions.GetOrAdd((device, version), _ => Load(stored));
    }

    public IReadOnlyList<DeviceVersionSummary> List()
    {
        var generation = Volatile.Read(ref _generation);
        var now = time.GetUtcNow();
        if (_list is { } list && list.Generation == generation && list.Expires > now)
        {
            Interlocked.Increment(ref _hits);
            return list.Devices;
        }
        var devices = store.ListDevices().Select(d => d.Summary).ToList();
        _list = (generation, now + options.Value.DeviceCacheTtl, devices);
        return devices;
    }

    public IReadOnlyList<DeviceVersionSummary> History(string device) => store.DeviceHistory(device);

    /// <summary>
    /// The refusal for a device nobody registered, with the registered names it may be a slip of in `suggestions`
    /// (<see cref="Suggestions"/>). Not for use inside a store transaction: it reads the device list.
    /// </summary>
    public RefusedException Unknown(string device) =>
        new(new Refusal(ErrorCodes.Device.NotFound, $"no device '{device}'")
        {
            Details = new Dictionary<string, object?> { ["suggestions"] = Suggestions.For(device, List().Select(d => d.Device)) },
        });

    /// <summary>
    /// Registers <paramref name="snapshot"/> as the device's next version; an identical calibration with the same
    /// lanes adds none. Without <paramref name="lanes"/> the device keeps its lanes (1 for a new device).
    /// </summary>
    public Task<DeviceChange> RegisterAsync(string device, DeviceSnapshot snapshot, string by, int? lanes = null, CancellationToken cancellationToken = default) =>
        MutateAsync(device, _ => snapshot, by, lanes, cancellationToken);

    /// <summary>Applies <paramref name="change"/> (and <paramref name="lanes"/>) to the authoritative current version inside the write transaction.</summary>
    public Task<DeviceChange> MutateAsync(
        string device, Func<DeviceSnapshot?, DeviceSnapshot> change, string by, int? lanes = null, CancellationToken cancellationToken = default)
    {
        ValidateName(device);
        if (lanes is < 1 or > MaxLanes)
            throw new RefusedException(ErrorCodes.Device.InvalidLanes, $"lanes must be 1..{MaxLanes}, not {lanes}", Origins.Admin);
        return store.WriteAsync(w =>
        {
            var current = w.GetDevice(device);
            var next = change(current is null ? null : SnapshotJson.Deserialize(current.SnapshotJson));
            var now = time.GetUtcNow();
            next = next with { Device = device, Version = (current?.Version ?? 0) + 1, CreatedAt = now };
            SnapshotValidator.EnsureValid(next);
            var hash = SnapshotHash.Compute(next);
            var nextLanes = lanes ?? current?.Lanes ?? 1;
            if (current is not null && current.Hash == hash && current.Lanes == nextLanes) return new DeviceChange(current, Created: false);
            var stored = new DeviceVersion(device, next.Version, now, next.Source, hash, next.NumQubits, SnapshotJson.Serialize(next, indented: false), nextLanes);
            w.InsertDeviceVersion(stored);
            w.Append(new NewEvent(current is null ? EventTypes.DeviceRegistered : EventTypes.DeviceUpdated, null, device, null,
                JsonSerializer.Serialize(new { device, version = stored.Version, hash, source = stored.Source, lanes = nextLanes, by }, Json)), now);
            return new DeviceChange(stored, Created: true);
        }, committed: events =>
        {
            if (events.Count > 0)
            {
                Interlocked.Increment(ref _generation);
                laneSignal.Pulse();
            }
            hub.Publish(events);
        }, cancellationToken).AsTask();
    }

    public const int MaxLanes = 1024;

    public static void ValidateName(string device)
    {
        if (device.Length is 0 or > 100 || !device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new RefusedException(ErrorCodes.Device.InvalidName, $"'{device}' is not a device name (1-100 of letters, digits, '-', '_', '.')", Origins.Admin);
        // Tasks without a device are stored under this name; a device of that name would be mistaken for them.
        if (device == IdealSimulation.Device)
            throw new RefusedException(ErrorCodes.Device.InvalidName, $"'{device}' is reserved for tasks that run an ideal simulation without a device", Origins.Admin);
        if (device == CommandTasks.Device)
            throw new RefusedException(ErrorCodes.Device.InvalidName, $"'{device}' is reserved for command tasks, which run on no device", Origins.Admin);
    }

    private static LoadedDevice Load(DeviceVersion stored) => new(stored, SnapshotJson.Deserialize(stored.SnapshotJson));

    private sealed record Entry(LoadedDevice Device, long Generation, DateTimeOffset Expires);
}

/// <summary>A stored version with its parsed snapshot, as admission and the API use it.</summary>
public sealed record LoadedDevice(DeviceVersion Stored, DeviceSnapshot Snapshot);

/// <param name="Created">False when the change described the current calibration exactly (no new version).</param>
public sealed record DeviceChange(DeviceVersion Version, bool Created);
