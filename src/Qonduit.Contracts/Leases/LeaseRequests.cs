namespace Qonduit.Contracts.Leases;

/// <summary>`POST /v1/devices/{id}/leases` (docs/leases.md "Acquire"); every member has a default.</summary>
public sealed record AcquireLeaseRequest(string? Holder = null, int? TtlSeconds = null, bool? Exclusive = null, int? WaitMs = null);

/// <summary>`POST /v1/leases/{token}/renew`; without a ttl the lease's own is used again.</summary>
public sealed record RenewLeaseRequest(int? TtlSeconds = null);

/// <summary>The answer to acquire and renew: the only place the token is ever shown; <see cref="LeaseId"/> is its public name.</summary>
public sealed record LeaseGrantView(string Token, Guid LeaseId, string Device, int Lane, bool Exclusive, string Holder, DateTimeOffset ExpiresAt);
