using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Qonduit.Storage;

/// <summary>
/// One lease of one device (docs/leases.md) as stored. The token itself is never stored, only its hash, as for API
/// keys. Whether the lease is active is a judgement of time (<see cref="StateAt"/>), so an expired lease stops
/// counting at its TTL whether or not anyone has noticed; <see cref="Ended"/> records that its end (release, or
/// expiry seen by a grant or the sweeper) has been announced with its event.
/// </summary>
public sealed record LeaseRecord
{
    public required Guid Id { get; init; }

    public required string TokenHash { get; init; }

    public required string Device { get; init; }

    /// <summary>Name of the key that acquired it: only it (or an admin) may renew, release or spend it.</summary>
    public required string Tenant { get; init; }

    public required string Holder { get; init; }

    /// <summary>The lane index in [0, lanes); 0 for an exclusive lease, which holds every lane.</summary>
    public required int Lane { get; init; }

    public required bool Exclusive { get; init; }

    /// <summary>The lifetime the last acquire or renewal asked for; a renewal without a ttl repeats it.</summary>
    public required int TtlSeconds { get; init; }

    public required DateTimeOffset AcquiredAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ReleasedAt { get; init; }

    public bool Ended { get; init; }

    /// <summary>Tasks submitted with the lease's token.</summary>
    public int Tasks { get; init; }

    /// <summary>Shots of those tasks.</summary>
    public long Shots { get; init; }

    public LeaseState StateAt(DateTimeOffset now) =>
        ReleasedAt is not null ? LeaseState.Released : now >= ExpiresAt ? LeaseState.Expired : LeaseState.Active;

    public bool IsActiveAt(DateTimeOffset now) => StateAt(now) == LeaseState.Active;
}

/// <summary>Lease tokens: `lt_` and 256 random bits, stored as their SHA-256.</summary>
public static class LeaseTokens
{
    public const string Prefix = "lt_";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
