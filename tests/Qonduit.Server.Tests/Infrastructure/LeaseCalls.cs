using System.Net.Http.Json;
using Qonduit.Server.Leases;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>The lease endpoints as tests call them.</summary>
public static class LeaseCalls
{
    public static Task<HttpResponseMessage> TryAcquireAsync(
        this HttpClient client, string device = "line5", int? waitMs = null, int? ttlSeconds = null, bool? exclusive = null, string? holder = null) =>
        client.PostAsJsonAsync($"/v1/devices/{device}/leases", new AcquireLeaseRequest(holder, ttlSeconds, exclusive, waitMs));

    public static async Task<LeaseGrantView> AcquireAsync(
        this HttpClient client, string device = "line5", int? ttlSeconds = null, bool? exclusive = null, string? holder = null)
    {
        var response = await client.TryAcquireAsync(device, 0, ttlSeconds, exclusive, holder);
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<LeaseGrantView>())!;
    }

    public static Task<HttpResponseMessage> RenewAsync(this HttpClient client, string token, int? ttlSeconds = null) =>
        client.PostAsJsonAsync($"/v1/leases/{token}/renew", new RenewLeaseRequest(ttlSeconds));

    public static Task<HttpResponseMessage> ReleaseAsync(this HttpClient client, string token) => client.DeleteAsync($"/v1/leases/{token}");

    public static async Task<DeviceLeasesView> DeviceLeasesAsync(this HttpClient client, string device = "line5") =>
        (await client.GetFromJsonAsync<DeviceLeasesView>($"/v1/devices/{device}/leases"))!;

    public static async Task<LeaseView> LeaseAsync(this HttpClient client, string tokenOrId) =>
        (await client.GetFromJsonAsync<LeaseView>($"/v1/leases/{tokenOrId}"))!;
}
