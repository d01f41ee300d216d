using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Leases;

/// <summary>
/// What a lease means inside a store transaction: which lane a new lease gets, how many lanes are in use, which
/// queued tasks a claim may take while a device is fully leased, and how a submission spends a lease.
/// </summary>
public static class LeaseRules
{
    /// <summary>The lane a new lease gets among the <paramref name="active"/> ones, or null when none is free.</summary>
    public static int? FreeLane(IReadOnlyCollection<LeaseRecord> active, int lanes, bool exclusive)
    {
        if (exclusive) return active.Count == 0 ? 0 : null;
        if (active.Count >= lanes || active.Any(l => l.Exclusive)) return null;
        var used = active.Select(l => l.Lane).ToHashSet();
        for (var lane = 0; lane < lanes; lane++)
        {
            if (!used.Contains(lane)) return lane;
        }
        return null;
    }

    public static int LanesInUse(IReadOnlyCollection<LeaseRecord> active, int lanes) => active.Any(l => l.Exclusive) ? lanes : active.Count;

    /// <summary>Null when no device is fully leased, which is the common case and leaves the claim unchanged.</summary>
    public static ClaimGate? Gate(IStoreWriter w, DateTimeOffset now)
    {
        var active = w.OpenLeases().Where(l => l.IsActiveAt(now)).ToList();
        if (active.Count == 0) return null;
        var full = new HashSet<string>(StringComparer.Ordinal);
        var leases = new HashSet<Guid>();
        foreach (var device in active.GroupBy(l => l.Device, StringComparer.Ordinal))
        {
            var held = device.ToList();
            var lanes = w.GetDevice(device.Key)?.Lanes ?? 1;
            if (LanesInUse(held, lanes) < lanes) continue;
            full.Add(device.Key);
            leases.UnionWith(held.Select(l => l.Id));
        }
        return full.Count == 0 ? null : new ClaimGate(full, leases);
    }

    /// <summary>
    /// Accounts <paramref name="task"/> to the lease of <paramref name="token"/>: it must be active, the submitter's
    /// own (any tenant's for an admin) and of the task's device.
    /// </summary>
    public static TaskRecord Spend(IStoreWriter w, TaskRecord task, string token, bool byAdmin, DateTimeOffset now)
    {
        var lease = w.FindLease(LeaseTokens.Hash(token));
        if (lease is null || !(byAdmin || lease.Tenant == task.Tenant) || !lease.IsActiveAt(now))
        {
            // The submission is what the request addresses; the lease it names is only referred to.
            throw new RefusedException(new Refusal(ErrorCodes.Lease.NotFound, "the lease token is unknown, released or expired; acquire a lease again") { AboutReference = true });
        }
        if (lease.Device != task.Device)
        {
            var mismatch = new Refusal(ErrorCodes.Lease.DeviceMismatch, $"the lease holds '{lease.Device}', not '{task.Device}'")
            {
                Details = new Dictionary<string, object?> { ["leaseDevice"] = lease.Device, ["device"] = task.Device },
            };
            throw new RefusedException(mismatch);
        }
        w.SaveLease(lease with { Tasks = lease.Tasks + 1, Shots = lease.Shots + task.Shots });
        return task with { LeaseId = lease.Id };
    }
}
