namespace Qonduit.Client;

/// <summary>Leases (docs/leases.md): a refusal is a <see cref="QonduitApiException"/> whose code is `lease.unavailable`, `lease.not-found`, ...</summary>
public sealed partial class QonduitClient
{
    /// <summary>Leases a lane (or every lane) of <paramref name="device"/>, waiting up to <see cref="AcquireLease.WaitMs"/> for one.</summary>
    public Task<LeaseGrant> AcquireLeaseAsync(string device, AcquireLease? request = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/devices/{Uri.EscapeDataString(device)}/leases", request ?? new AcquireLease(), Json.AcquireLease, Json.LeaseGrant, cancellationToken);

    /// <summary>Extends an active lease to now + <paramref name="ttlSeconds"/> (its own ttl when null).</summary>
    public Task<LeaseGrant> RenewLeaseAsync(string token, int? ttlSeconds = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/leases/{Uri.EscapeDataString(token)}/renew", new RenewLease(ttlSeconds), Json.RenewLease, Json.LeaseGrant, cancellationToken);

    /// <summary>Idempotent: releasing a released, expired or unknown token succeeds.</summary>
    public async Task ReleaseLeaseAsync(string token, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"v1/leases/{Uri.EscapeDataString(token)}");
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    public Task<LeaseInfo> GetLeaseAsync(string tokenOrId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/leases/{Uri.EscapeDataString(tokenOrId)}", Json.LeaseInfo, cancellationToken);

    public Task<DeviceLeases> GetDeviceLeasesAsync(string device, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/devices/{Uri.EscapeDataString(device)}/leases", Json.DeviceLeases, cancellationToken);
}
