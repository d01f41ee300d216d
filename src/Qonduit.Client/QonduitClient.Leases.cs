using Qonduit.Contracts.Leases;

namespace Qonduit.Client;

/// <summary>Leases (docs/leases.md): a refusal is a <see cref="QonduitApiException"/> whose code is `lease.unavailable`, `lease.not-found`, ...</summary>
public sealed partial class QonduitClient
{
    /// <summary>Leases a lane (or every lane) of <paramref name="device"/>, waiting up to <see cref="AcquireLeaseRequest.WaitMs"/> for one.</summary>
    public Task<LeaseGrantView> AcquireLeaseAsync(string device, AcquireLeaseRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/devices/{Uri.EscapeDataString(device)}/leases", request ?? new AcquireLeaseRequest(), Json.AcquireLeaseRequest, Json.LeaseGrantView, cancellationToken);

    /// <summary>Extends an active lease to now + <paramref name="ttlSeconds"/> (its own ttl when null).</summary>
    public Task<LeaseGrantView> RenewLeaseAsync(string token, int? ttlSeconds = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v1/leases/{Uri.EscapeDataString(token)}/renew", new RenewLeaseRequest(ttlSeconds), Json.RenewLeaseRequest, Json.LeaseGrantView, cancellationToken);

    /// <summary>Idempotent: releasing a released, expired or unknown token succeeds.</summary>
    public async Task ReleaseLeaseAsync(string token, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"v1/leases/{Uri.EscapeDataString(token)}");
        using var answer = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(answer, cancellationToken).ConfigureAwait(false);
    }

    public Task<LeaseView> GetLeaseAsync(string tokenOrId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/leases/{Uri.EscapeDataString(tokenOrId)}", Json.LeaseView, cancellationToken);

    public Task<DeviceLeasesView> GetDeviceLeasesAsync(string device, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v1/devices/{Uri.EscapeDataString(device)}/leases", Json.DeviceLeasesView, cancellationToken);
}
