using System.Globalization;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Auth;

namespace Qonduit.Server.Tasks;

/// <summary>What the server knows, at one moment, that decides why queued tasks wait (gathered by <see cref="TaskViewBuilder"/>).</summary>
/// <param name="OfflineDevices">Devices whose latest snapshot has no online qubit (or that no longer exist).</param>
/// <param name="ServedDevices">Devices some live agent claims for; <paramref name="AnyDeviceServed"/>: a live agent claims for every device.</param>
/// <param name="FullyLeasedDevices">Devices whose every lane is held by an active lease, and <paramref name="ActiveLeases"/> the leases on them.</param>
/// <param name="Ahead">For each queued task, how many tasks precede it in its device's queue.</param>
/// <param name="Holdings">Who holds the active leases of the fully leased devices, in lane order.</param>
/// <param name="RequirementMatches">For each queued requirement task, how many resources its requirement selects now.</param>
/// <param name="ConsumerLimits">Consumers at their cap in an owned pool (docs/orchestration.md §3), with the allocation they run at.</param>
public sealed record PendingFacts(
    IReadOnlySet<string> OfflineDevices,
    IReadOnlySet<string> ServedDevices,
    bool AnyDeviceServed,
    IReadOnlySet<string> FullyLeasedDevices,
    IReadOnlySet<Guid> ActiveLeases,
    IReadOnlyDictionary<Guid, int> Ahead,
    IReadOnlyList<LeaseHolding>? Holdings = null,
    IReadOnlyDictionary<Guid, int>? RequirementMatches = null,
    IReadOnlyDictionary<(string Consumer, string Pool), int>? ConsumerLimits = null);

/// <summary>An active lease on a fully leased device: its owner (tenant) and the holder label it was acquired with.</summary>
public sealed record LeaseHolding(string Device, string Tenant, string Holder);

/// <summary>
/// Why a queued task waits, the first rule that holds winning (docs/architecture.md "Why a task waits"): its device is
/// offline; no live agent serves it; its lanes are leased to others; its consumer runs all the slots fair share
/// allocates it there; otherwise its place in the device's queue (ahead = 0:
/// next, waiting for a free agent slot; counted up to <see cref="PendingReason.AheadCap"/>). Pure: the facts come in,
/// the reason goes out.
/// </summary>
public static class PendingRules
{
    /// <param name="viewer">Who reads the view: a lease's holder shows only to the lease's owner and admins (none when null).</param>
    public static PendingReason Explain(TaskRecord task, PendingFacts facts, Caller? viewer = null)
    {
        if (task.Command is { } command && (facts.RequirementMatches?.GetValueOrDefault(task.Id) ?? 0) == 0)
            return Reason(ErrorCodes.Pending.NoCommand,
                $"no pool its requirement selects now has a live agent that declares the command '{command.Name}'; placement waits for one");
        if (task.Requirement is not null) return ByRequirement(facts.RequirementMatches?.GetValueOrDefault(task.Id) ?? 0);
        var device = task.Device;
        if (facts.OfflineDevices.Contains(device))
            return Reason(ErrorCodes.Pending.DeviceOffline, $"{device} has no online qubit in its latest snapshot; the task waits for the device to return");
        if (!facts.AnyDeviceServed && !facts.ServedDevices.Contains(device))
            return Reason(ErrorCodes.Pending.NoAgent, $"no live agent serves {device}; the task waits for one");
        if (facts.FullyLeasedDevices.Contains(device) && !(task.LeaseId is { } lease && facts.ActiveLeases.Contains(lease)))
        {
            var visible = (facts.Holdings ?? []).Where(h => h.Device == device && viewer is not null && viewer.CanSee(h.Tenant)).Select(h => h.Holder).ToList();
            return Reason(ErrorCodes.Pending.LeaseHeld, $"every lane of {device} is leased, and the task spends none of those leases")
                with { Holder = visible.Count == 0 ? null : string.Join(", ", visible) };
        }
        if (facts.ConsumerLimits?.TryGetValue((task.Consumer, device), out var allocation) == true)
            return Reason(ErrorCodes.Pending.ConsumerLimit,
                string.Create(CultureInfo.InvariantCulture, $"its consumer {task.Consumer} runs the {allocation} slot{(allocation == 1 ? "" : "s")} fair share allocates it on {device}; the task waits for one to end"),
                new Dictionary<string, long> { ["allocation"] = allocation });
        long ahead = Math.Min(facts.Ahead.GetValueOrDefault(task.Id), PendingReason.AheadCap);
        return Reason(ErrorCodes.Pending.QueuedBehind,
            ahead == 0 ? $"next in {device}'s queue; it waits for a free agent slot"
                : string.Create(CultureInfo.InvariantCulture, $"{PendingReason.FormatAhead(ahead)} task{(ahead == 1 ? "" : "s")} ahead of it in {device}'s queue"),
            new Dictionary<string, long> { ["ahead"] = ahead });
    }

    /// <summary>A requirement task waits for its requirement to select a resource, then for a free lane of one it selects.</summary>
    private static PendingReason ByRequirement(int matches) => matches == 0
        ? Reason(ErrorCodes.Pending.NoMatchingResource, "its requirement selects no resource now; placement waits for one to match")
        : Reason(ErrorCodes.Pending.QueuedBehind,
            string.Create(CultureInfo.InvariantCulture, $"its requirement selects {matches} resource{(matches == 1 ? "" : "s")}; it waits for a free lane of one"),
            new Dictionary<string, long> { ["ahead"] = 0 });

    /// <summary>Each task's count of predecessors in its device's queue, from entries already in claim order.</summary>
    public static IReadOnlyDictionary<Guid, int> Positions(IEnumerable<Storage.QueuedEntry> claimOrder)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ahead = new Dictionary<Guid, int>();
        foreach (var entry in claimOrder)
        {
            var before = seen.GetValueOrDefault(entry.Device);
            ahead[entry.Id] = before;
            seen[entry.Device] = before + 1;
        }
        return ahead;
    }

    private static PendingReason Reason(string code, string message, IReadOnlyDictionary<string, long>? details = null) =>
        new(code, message, details ?? new Dictionary<string, long>());
}
