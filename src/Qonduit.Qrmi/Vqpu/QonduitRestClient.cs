using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi.Vqpu;

/// <summary>
/// The few calls of the control plane's REST API (DESIGN.md "REST API") and lease contract (docs/leases.md) that a
/// <see cref="QonduitVqpuResource"/> needs. Problem details become <see cref="RemoteProblemException"/>; a server
/// that does not answer becomes <see cref="ResourceUnreachableException"/>.
/// </summary>
public sealed class QonduitRestClient(HttpClient http, Uri baseUrl, string? apiKey, string resourceName)
{
    public async Task<Lease> CreateLeaseAsync(string device, LeaseRequest request, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["holder"] = request.Holder,
            ["ttlSeconds"] = (long)Math.Ceiling(request.Ttl.TotalSeconds),
            ["exclusive"] = request.Exclusive,
            ["waitMs"] = (long)request.Wait.TotalMilliseconds,
        };
        try
        {
            var lease = await SendAsync(HttpMethod.Post, $"v1/devices/{Escape(device)}/leases", body, ct).ConfigureAwait(false);
            return ReadLease(lease!);
        }
        catch (RemoteProblemException e) when (e.Code == "LEASE_UNAVAILABLE")
        {
            throw new LeaseUnavailableException(resourceName, $"no lane of '{device}' became free within {request.Wait.TotalMilliseconds:0} ms: {e.Message}");
        }
    }

    public async Task<Lease> RenewLeaseAsync(string token, TimeSpan? ttl, CancellationToken ct)
    {
        var body = ttl is { } t ? new JsonObject { ["ttlSeconds"] = (long)Math.Ceiling(t.TotalSeconds) } : new JsonObject();
        try
        {
            return ReadLease((await SendAsync(HttpMethod.Post, $"v1/leases/{Escape(token)}/renew", body, ct).ConfigureAwait(false))!);
        }
        catch (RemoteProblemException e) when (e.Code == "LEASE_NOT_FOUND")
        {
            throw new LeaseNotFoundException($"lease of '{resourceName}' is unknown, released or expired");
        }
    }

    public Task ReleaseLeaseAsync(string token, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"v1/leases/{Escape(token)}", null, ct);

    public async Task<string> SubmitTaskAsync(string device, TaskPayload payload, string? leaseToken, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["device"] = device,
            ["circuit"] = payload.Circuit,
            ["dialect"] = payload.Dialect,
            ["shots"] = payload.Shots,
        };
        if (payload.Seed is { } seed) body["seed"] = (long)seed;
        if (leaseToken is not null) body["leaseToken"] = leaseToken;
        var record = await SendAsync(HttpMethod.Post, "v1/tasks", body, ct).ConfigureAwait(false);
        return ReadString(record, "id") ?? throw new QrmiProtocolException("the task submission answer has no \"id\"");
    }

    public async Task<JsonObject> GetTaskAsync(string taskId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"v1/tasks/{Escape(taskId)}", null, ct).ConfigureAwait(false) as JsonObject
        ?? throw new QrmiProtocolException($"task '{taskId}' is not a JSON object");

    public Task CancelTaskAsync(string taskId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"v1/tasks/{Escape(taskId)}/cancel", new JsonObject(), ct);

    public async Task<JsonObject> GetResultAsync(string taskId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"v1/tasks/{Escape(taskId)}/result", null, ct).ConfigureAwait(false) as JsonObject
        ?? throw new QrmiProtocolException($"the result of task '{taskId}' is not a JSON object");

    public async Task<JsonObject> GetDeviceAsync(string device, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"v1/devices/{Escape(device)}", null, ct).ConfigureAwait(false) as JsonObject
        ?? throw new QrmiProtocolException($"device '{device}' is not a JSON object");

    /// <summary>The current snapshot: embedded in the device record, or fetched by its version.</summary>
    public async Task<DeviceSnapshot> GetSnapshotAsync(string device, CancellationToken ct)
    {
        var record = await GetDeviceAsync(device, ct).ConfigureAwait(false);
        if (record["qubits"] is JsonArray) return SnapshotJson.Deserialize(record.ToJsonString());
        if (record["snapshot"] is JsonObject embedded) return SnapshotJson.Deserialize(embedded.ToJsonString());
        var version = record["version"]?.GetValue<int>();
        var path = version is null ? $"v1/devices/{Escape(device)}/snapshots" : $"v1/devices/{Escape(device)}/snapshots/{version}";
        var snapshot = await SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        if (snapshot is JsonArray versions && versions.Count > 0) snapshot = versions[^1];
        return snapshot is JsonObject s ? SnapshotJson.Deserialize(s.ToJsonString())
            : throw new QrmiProtocolException($"device '{device}' has no readable snapshot");
    }

    /// <summary>`GET /v1/devices/{id}/leases`: lanes, lanesInUse, queueDepth and the active leases (no tokens).</summary>
    public async Task<JsonObject> GetDeviceLeasesAsync(string device, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, $"v1/devices/{Escape(device)}/leases", null, ct).ConfigureAwait(false) as JsonObject
        ?? throw new QrmiProtocolException($"the leases of device '{device}' are not a JSON object");

    internal static string? ReadString(JsonNode? node, string property) =>
        node?[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static int? ReadInt(JsonNode? node, string property) =>
        node?[property] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static Lease ReadLease(JsonNode node) => new(
        ReadString(node, "token") ?? throw new QrmiProtocolException("the lease answer has no \"token\""),
        ReadString(node, "leaseId") ?? "",
        ReadString(node, "device") ?? "",
        ReadInt(node, "lane") ?? 0,
        node["exclusive"] is JsonValue e && e.TryGetValue<bool>(out var exclusive) && exclusive,
        ReadString(node, "holder") ?? "",
        DateTimeOffset.TryParse(ReadString(node, "expiresAt"), out var expires) ? expires
            : throw new QrmiProtocolException("the lease answer has no readable \"expiresAt\""));

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (apiKey is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = JsonContent.Create(body);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ResourceUnreachableException(resourceName, $"{baseUrl}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ResourceUnreachableException(resourceName, $"{baseUrl}: no answer within {http.Timeout.TotalSeconds:0} s", e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw Problem(response.StatusCode, text);
            if (response.StatusCode == HttpStatusCode.NoContent || text.Length == 0) return null;
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new QrmiProtocolException($"{method} {path} answered with something other than JSON", e);
            }
        }
    }

    private static RemoteProblemException Problem(HttpStatusCode status, string text)
    {
        JsonNode? node = null;
        try
        {
            node = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            // A proxy's HTML page: fall back to the status line.
        }
        return new RemoteProblemException(
            (int)status,
            ReadString(node, "code") ?? $"HTTP_{(int)status}",
            ReadString(node, "title") ?? status.ToString(),
            ReadString(node, "detail") ?? (node is null && text.Length > 0 ? text[..Math.Min(text.Length, 200)] : null),
            ReadString(node, "origin"),
            ReadString(node, "correlationId"));
    }
}
