using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Leases;

namespace Qonduit.Server.Leases;

/// <summary>How the API shows a lease: the mappings from the stored record to the wire records of Qonduit.Contracts.</summary>
public static class LeaseViews
{
    public static LeaseGrantView Grant(string token, LeaseRecord l) => new(token, l.Id, l.Device, l.Lane, l.Exclusive, l.Holder, l.ExpiresAt);

    public static LeaseView From(LeaseRecord l, DateTimeOffset now, AccountingTotal? used = null) => new(
        l.Id, l.Device, l.Tenant, l.Holder, l.Lane, l.Exclusive, l.TtlSeconds, l.AcquiredAt, l.ExpiresAt, l.ReleasedAt, l.StateAt(now), l.Tasks, l.Shots,
        used is null ? new AccountingRowView(l.Device, 0, 0, 0, 0, 0) : new AccountingRowView(used.Key, used.Tasks, used.LaneSeconds, used.Shots, used.Simulations, used.CpuSeconds));

    public static ActiveLeaseView Active(LeaseRecord l) => new(l.Id, l.Holder, l.Lane, l.Exclusive, l.AcquiredAt, l.ExpiresAt, l.Tasks, l.Shots);
}
