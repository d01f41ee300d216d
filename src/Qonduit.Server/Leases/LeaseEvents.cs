using System.Text.Json;
using Qonduit.Server.Events;

namespace Qonduit.Server.Leases;

/// <summary>The `lease.*` events: the lease's public fields, never its token; tenant-scoped like task events.</summary>
public static class LeaseEvents
{
    public const string Acquired = "lease.acquired";
    public const string Renewed = "lease.renewed";
    public const string Released = "lease.released";
    public const string Expired = "lease.expired";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static NewEvent Of(string type, LeaseRecord lease) =>
        new(type, null, lease.Device, lease.Tenant, JsonSerializer.Serialize(new LeaseEventData(
            lease.Id, lease.Device, lease.Holder, lease.Lane, lease.Exclusive, lease.ExpiresAt, lease.Tasks, lease.Shots), Json));

    /// <summary>Records the end of every lease in <paramref name="open"/> that is past its TTL; returns those still active.</summary>
    public static List<LeaseRecord> EndExpired(Storage.IStoreWriter w, IEnumerable<LeaseRecord> open, DateTimeOffset now, List<LeaseRecord> expired)
    {
        var active = new List<LeaseRecord>();
        foreach (var lease in open)
        {
            if (lease.IsActiveAt(now))
            {
                active.Add(lease);
                continue;
            }
            var ended = lease with { Ended = true };
            w.SaveLease(ended);
            w.Append(Of(Expired, ended), now);
            expired.Add(ended);
        }
        return active;
    }
}

public sealed record LeaseEventData(Guid LeaseId, string Device, string Holder, int Lane, bool Exclusive, DateTimeOffset ExpiresAt, int Tasks, long Shots);
