namespace Qonduit.Contracts.Leases;

/// <summary>
/// `GET /v1/leases/{tokenOrId}`: the lease, its state now and what was spent on it: <see cref="Tasks"/> and <see cref="Shots"/>
/// submitted with it, and <see cref="Used"/>, what those of them that ran and have ended used (docs/orchestration.md §3
/// "Accounting"; keyed by the device), which a Slurm job's AdminComment records at its end.
/// </summary>
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
    long Shots,
    Qonduit.Contracts.Accounting.AccountingRowView? Used = null);

/// <summary>An active lease as any caller may list it: no token, no tenant.</summary>
public sealed record ActiveLeaseView(Guid LeaseId, string Holder, int Lane, bool Exclusive, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, int Tasks, long Shots);

/// <summary>`GET /v1/devices/{id}/leases`: the device's lanes, their use, its queue and its active leases.</summary>
public sealed record DeviceLeasesView(string Device, int Version, int Lanes, int LanesInUse, long QueueDepth, IReadOnlyList<ActiveLeaseView> Leases);
