using Microsoft.Extensions.Options;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Metrics;
using Qonduit.Server.Problems;

namespace Qonduit.Server.Leases;

/// <summary>
/// Acquire, renew, release and read leases (docs/leases.md), each write one store transaction. An acquisition that
/// finds no free lane waits on <see cref="LaneSignal"/> (pulsed when a lease ends or lanes are added) or until the
/// earliest active lease's expiry, whichever comes first, so it never polls and an expiry frees the lane to a
/// waiter even when no sweeper has run.
/// </summary>
public sealed class LeaseBook(
    IControlPlaneStore store, EventHub hub, LaneSignal lanes, WorkSignal work, TimeProvider time, ServerMetrics metrics, IOptions<ServerOptions> options)
{
    public const int DefaultTtlSeconds = 3600;
    public const int MaxTtlSeconds = 604_800;
    public const int MaxHolderLength = 200;

    public async Task<LeaseGrantView> AcquireAsync(string device, AcquireLeaseRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var ttl = Ttl(request.TtlSeconds ?? DefaultTtlSeconds);
        var waitMs = request.WaitMs ?? 0;
        if (waitMs < 0) throw new RefusedException(ErrorCodes.Lease.InvalidWait, $"waitMs must not be negative, not {waitMs}");
        var holder = string.IsNullOrWhiteSpace(request.Holder) ? caller.Name : request.Holder.Trim();
        if (holder.Length > MaxHolderLength) throw new RefusedException(ErrorCodes.Lease.InvalidHolder, $"holder is at most {MaxHolderLength} characters");
        var wanted = new Wanted(device, caller.User, holder, ttl, request.Exclusive ?? false);
        var deadline = time.GetUtcNow().AddMilliseconds(Math.Min(waitMs, options.Value.MaxLeaseWaitMs));
        while (true)
        {
            var freed = lanes.Next;
            var attempt = await TryAcquireAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (attempt.Granted is { } granted)
            {
                metrics.LeaseOutcome(device, "granted");
                return granted;
            }
            var now = time.GetUtcNow();
            var remaining = deadline - now;
            if (remaining <= TimeSpan.Zero)
            {
                metrics.LeaseOutcome(device, "unavailable");
                throw Unavailable(device, attempt, waitMs);
            }
            var untilExpiry = attempt.NextExpiry - now;
            var wake = untilExpiry < remaining ? untilExpiry : remaining;
            try
            {
                await freed.WaitAsync(wake < TimeSpan.Zero ? TimeSpan.Zero : wake, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // a lease may have expired, or the wait is over: look again, then decide
            }
        }
    }

    public async Task<LeaseGrantView> RenewAsync(string token, int? ttlSeconds, Caller caller, CancellationToken cancellationToken)
    {
        int? ttl = ttlSeconds is { } given ? Ttl(given) : null;
        var expired = new List<LeaseRecord>();
        var renewed = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var lease = w.FindLease(LeaseTokens.Hash(token));
            if (lease is null || !caller.CanSee(lease.Tenant) || lease.Ended) return null;
            if (!lease.IsActiveAt(now))
            {
                LeaseEvents.EndExpired(w, [lease], now, expired);
                return null;
            }
            var next = lease with { TtlSeconds = ttl ?? lease.TtlSeconds, ExpiresAt = now.AddSeconds(ttl ?? lease.TtlSeconds) };
            w.SaveLease(next);
            w.Append(LeaseEvents.Of(LeaseEvents.Renewed, next), now);
            return next;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        Ended(expired, "expired");
        return renewed is null ? throw NotFound() : LeaseViews.Grant(token, renewed);
    }

    /// <summary>Idempotent for the lease's tenant: an unknown, released or expired token is no error. Another tenant's lease is a 404.</summary>
    public async Task ReleaseAsync(string token, Caller caller, CancellationToken cancellationToken)
    {
        var expired = new List<LeaseRecord>();
        var released = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var lease = w.FindLease(LeaseTokens.Hash(token));
            if (lease is null) return null;
            if (!caller.CanSee(lease.Tenant)) throw NotFound();
            if (lease.Ended) return null;
            if (!lease.IsActiveAt(now))
            {
                LeaseEvents.EndExpired(w, [lease], now, expired);
                return null;
            }
            var ended = lease with { ReleasedAt = now, Ended = true };
            w.SaveLease(ended);
            w.Append(LeaseEvents.Of(LeaseEvents.Released, ended), now);
            return ended;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        Ended(expired, "expired");
        if (released is not null) Ended([released], "released");
    }

    /// <summary>A lease by its token or by its id, if the caller may see it.</summary>
    public LeaseView Get(string tokenOrId, Caller caller)
    {
        var lease = Guid.TryParse(tokenOrId, out var id) ? store.GetLease(id) : store.FindLease(LeaseTokens.Hash(tokenOrId));
        if (lease is null || !caller.CanSee(lease.Tenant)) throw NotFound();
        var now = time.GetUtcNow();
        // Its tasks end after it was acquired, some perhaps after its release: read from its start to now.
        var used = store.AccountingTotals(new AccountingQuery(lease.AcquiredAt, now.AddTicks(1), AccountingGrouping.Device, LeaseId: lease.Id));
        return LeaseViews.From(lease, now, used.Count == 0 ? null : used[0]);
    }

    public DeviceLeasesView OnDevice(LoadedDevice device)
    {
        var name = device.Stored.Device;
        var active = Active(name);
        var depth = store.Statistics().QueueDepthByDevice.GetValueOrDefault(name);
        return new DeviceLeasesView(name, device.Stored.Version, device.Stored.Lanes, LeaseRules.LanesInUse(active, device.Stored.Lanes), depth,
            [.. active.Select(LeaseViews.Active)]);
    }

    /// <summary>Lanes in use per device with an active lease (what /metrics and the device list show).</summary>
    public IReadOnlyDictionary<string, int> LanesInUse(IReadOnlyList<DeviceVersionSummary> devices)
    {
        var now = time.GetUtcNow();
        var lanesOf = devices.ToDictionary(d => d.Device, d => d.Lanes, StringComparer.Ordinal);
        return store.OpenLeases().Where(l => l.IsActiveAt(now)).GroupBy(l => l.Device, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => LeaseRules.LanesInUse(g.ToList(), lanesOf.GetValueOrDefault(g.Key, 1)), StringComparer.Ordinal);
    }

    /// <summary>Announces every lease past its TTL whose end is not yet recorded; returns how many. The sweeper's pass.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (store.OpenLeases().All(l => l.IsActiveAt(now))) return 0;
        var expired = new List<LeaseRecord>();
        await store.WriteAsync(w => LeaseEvents.EndExpired(w, w.OpenLeases(), time.GetUtcNow(), expired), hub.Publish, cancellationToken).ConfigureAwait(false);
        Ended(expired, "expired");
        return expired.Count;
    }

    private List<LeaseRecord> Active(string device)
    {
        var now = time.GetUtcNow();
        return [.. store.OpenLeases(device).Where(l => l.IsActiveAt(now))];
    }

    private async Task<Attempt> TryAcquireAsync(Wanted wanted, CancellationToken cancellationToken)
    {
        var token = LeaseTokens.New();
        var expired = new List<LeaseRecord>();
        var attempt = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var device = w.GetDevice(wanted.Device) ?? throw new RefusedException(ErrorCodes.Device.NotFound, $"no device '{wanted.Device}'");
            var active = LeaseEvents.EndExpired(w, w.OpenLeases(wanted.Device), now, expired);
            var inUse = LeaseRules.LanesInUse(active, device.Lanes);
            if (LeaseRules.FreeLane(active, device.Lanes, wanted.Exclusive) is not { } lane)
                return new Attempt(null, device.Lanes, inUse, active.Count == 0 ? DateTimeOffset.MaxValue : active.Min(l => l.ExpiresAt));
            var lease = new LeaseRecord
            {
                Id = Guid.CreateVersion7(now),
                TokenHash = LeaseTokens.Hash(token),
                Device = wanted.Device,
                Tenant = wanted.Tenant,
                Holder = wanted.Holder,
                Lane = lane,
                Exclusive = wanted.Exclusive,
                TtlSeconds = wanted.TtlSeconds,
                AcquiredAt = now,
                ExpiresAt = now.AddSeconds(wanted.TtlSeconds),
            };
            w.SaveLease(lease);
            w.Append(LeaseEvents.Of(LeaseEvents.Acquired, lease), now);
            return new Attempt(LeaseViews.Grant(token, lease), device.Lanes, inUse + (wanted.Exclusive ? device.Lanes : 1), lease.ExpiresAt);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        Ended(expired, "expired");
        return attempt;
    }

    /// <summary>After the commit: count the ends and wake whoever waits for a lane or for claimable work.</summary>
    private void Ended(IReadOnlyCollection<LeaseRecord> ended, string outcome)
    {
        if (ended.Count == 0) return;
        foreach (var lease in ended) metrics.LeaseOutcome(lease.Device, outcome);
        lanes.Pulse();
        work.Pulse();
    }

    private static int Ttl(int seconds) => seconds is >= 1 and <= MaxTtlSeconds ? seconds
        : throw new RefusedException(ErrorCodes.Lease.InvalidTtl, $"ttlSeconds must be 1..{MaxTtlSeconds}, not {seconds}");

    private static RefusedException NotFound() =>
        new(ErrorCodes.Lease.NotFound, "no such lease: unknown, released, expired or another tenant's");

    private static RefusedException Unavailable(string device, Attempt attempt, int waitMs) => new(new Refusal(ErrorCodes.Lease.Unavailable,
        $"no lane of '{device}' became free within {waitMs} ms ({attempt.LanesInUse} of {attempt.Lanes} in use)")
    {
        Details = new Dictionary<string, object?> { ["device"] = device, ["lanes"] = attempt.Lanes, ["lanesInUse"] = attempt.LanesInUse },
    });

    private sealed record Wanted(string Device, string Tenant, string Holder, int TtlSeconds, bool Exclusive);

    private sealed record Attempt(LeaseGrantView? Granted, int Lanes, int LanesInUse, DateTimeOffset NextExpiry);
}
