using System.Text.Json.Serialization;

namespace Qonduit.Client;

/// <summary>`POST /v1/devices/{id}/leases` (docs/leases.md); null members take the server's defaults.</summary>
public sealed record AcquireLease(string? Holder = null, int? TtlSeconds = null, bool? Exclusive = null, int? WaitMs = null);

public sealed record RenewLease(int? TtlSeconds = null);

/// <summary>A granted (or renewed) lease. <see cref="Token"/> is the secret capability; <see cref="LeaseId"/> its public name.</summary>
public sealed record LeaseGrant(string Token, Guid LeaseId, string Device, int Lane, bool Exclusive, string Holder, DateTimeOffset ExpiresAt);

[JsonConverter(typeof(JsonStringEnumConverter<LeaseStatus>))]
public enum LeaseStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("released")] Released,
    [JsonStringEnumMemberName("expired")] Expired,
}

/// <summary>A lease as `GET /v1/leases/{tokenOrId}` shows it: its state now and the tasks and shots spent on it.</summary>
public sealed record LeaseInfo(
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
    LeaseStatus State,
    int Tasks,
    long Shots);

public sealed record ActiveLease(Guid LeaseId, string Holder, int Lane, bool Exclusive, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, int Tasks, long Shots);

/// <summary>`GET /v1/devices/{id}/leases`.</summary>
public sealed record DeviceLeases(string Device, int Version, int Lanes, int LanesInUse, long QueueDepth, IReadOnlyList<ActiveLease> Leases);
