namespace Qonduit.Server.Leases;

/// <summary>`POST /v1/devices/{id}/leases` (docs/leases.md "Acquire"); every member has a default.</summary>
public sealed record AcquireLeaseRequest(string? Holder = null, int? TtlSeconds = null, bool? Exclusive = null, int? WaitMs = null);

/// <summary>`POST /v1/leases/{token}/renew`; without a ttl the lease's own is used again.</summary>
public sealed record RenewLeaseRequest(int? TtlSeconds = null);

/// <summary>The answer to acquire and renew: the only place the token is ever shown.</summary>
public sealed record LeaseGrantView(string Token, Guid LeaseId, string Device, int Lane, bool Exclusive, string Holder, DateTimeOffset ExpiresAt)
{
    public static LeaseGrantView From(string token, LeaseRecord l) => new(token, l.Id, l.Device, l.Lane, l.Exclusive, l.Holder, l.ExpiresAt);
}

/// <summary>`GET /v1/leases/{tokenOrId}`: the lease, its state now and what was spent on it.</summary>
public sealed record LeaseView(
    Guid LeaseId,
    string Device,
    string Tenant,
    string Holder,
    int Lane,
    bool Exclusive,
    int TtlSeconds,
    DateTimeOffset AcquiredAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ReleasedAt,
    LeaseState State,
    int Tasks,
    long Shots)
{
    public static LeaseView From(LeaseRecord l, DateTimeOffset now) => new(
        l.Id, l.Device, l.Tenant, l.Holder, l.Lane, l.Exclusive, l.TtlSeconds, l.AcquiredAt, l.ExpiresAt, l.ReleasedAt, l.StateAt(now), l.Tasks, l.Shots);
}

/// <summary>An active lease as any caller may list it: no token, no tenant.</summary>
public sealed record ActiveLeaseView(Guid LeaseId, string Holder, int Lane, bool Exclusive, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, int Tasks, long Shots)
{
    public static ActiveLeaseView From(LeaseRecord l) => new(l.Id, l.Holder, l.Lane, l.Exclusive, l.AcquiredAt, l.ExpiresAt, l.Tasks, l.Shots);
}

/// <summary>`GET /v1/devices/{id}/leases`: the device's lanes, their use, its queue and its active leases.</summary>
public sealed record DeviceLeasesView(string Device, int Version, int Lanes, int LanesInUse, long QueueDepth, IReadOnlyList<ActiveLeaseView> Leases);
