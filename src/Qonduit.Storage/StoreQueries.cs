using System.Collections.Immutable;

namespace Qonduit.Storage;

/// <summary>Newest first; <see cref="Before"/> is the exclusive cursor (a task's <see cref="TaskRecord.Sequence"/>).</summary>
public sealed record TaskQuery(
    string? Tenant = null,
    TaskState? State = null,
    string? Device = null,
    string? Owner = null,
    long? Before = null,
    int Limit = 100);

/// <summary>
/// Which events a reader or subscriber wants. <see cref="Types"/> holds exact types or prefixes ending in `*`;
/// a non-null <see cref="Tenant"/> restricts events to that tenant's own tasks and leases, plus device events (which
/// belong to no tenant); other tenant-less events (agents going stale, impersonation attempts) name agents and keys,
/// which are the operators' business, not a user's.
/// </summary>
public sealed record EventFilter(
    Guid? TaskId = null,
    string? Device = null,
    ImmutableArray<string> Types = default,
    string? Tenant = null)
{
    public const string DevicePrefix = "device.";

    public static EventFilter All { get; } = new();

    public bool Matches(EventRecord e) =>
        (TaskId is null || e.TaskId == TaskId)
        && (Device is null || e.Device == Device)
        && (Tenant is null || e.Tenant == Tenant || (e.Tenant is null && e.Type.StartsWith(DevicePrefix, StringComparison.Ordinal)))
        && (Types.IsDefaultOrEmpty || Types.Any(t => t.EndsWith('*') ? e.Type.StartsWith(t[..^1], StringComparison.Ordinal) : e.Type == t));
}

public sealed record StoreStatistics(
    IReadOnlyDictionary<TaskState, long> TasksByState,
    IReadOnlyDictionary<string, long> QueueDepthByDevice);

/// <summary>
/// Devices whose every lane is leased, and the leases active on them: a claim takes a task of such a device only
/// when the task spends one of those leases (docs/leases.md "Tasks spend leases").
/// </summary>
public sealed record ClaimGate(IReadOnlySet<string> FullyLeased, IReadOnlySet<Guid> ActiveLeases)
{
    public bool Admits(TaskRecord task) =>
        !FullyLeased.Contains(task.Device) || (task.LeaseId is { } lease && ActiveLeases.Contains(lease));
}

/// <summary>A queued task's place in the claim order (priority, then age): what queue positions are computed from.</summary>
public sealed record QueuedEntry(Guid Id, string Device, int Priority, long Sequence);
