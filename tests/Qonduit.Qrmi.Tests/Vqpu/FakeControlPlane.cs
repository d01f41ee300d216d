using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Qrmi.Tests.Vqpu;

/// <summary>
/// A control plane on an HttpListener that follows the REST API of docs/architecture.md and docs/leases.md for one device
/// (`ibm_fez`, one lane); it records what clients sent so tests can check it.
/// </summary>
internal sealed class FakeControlPlane : IDisposable
{
    public const string Key = "user-key";

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Dictionary<string, JsonObject> _leases = [];
    private readonly Dictionary<string, JsonObject> _tasks = [];
    private readonly Lock _gate = new();

    public FakeControlPlane()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<JsonObject> Submitted { get; } = [];

    public int ActiveLeases
    {
        get
        {
            lock (_gate) return _leases.Count;
        }
    }

    public DeviceSnapshot Snapshot { get; } = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 4, Name: "ibm_fez"));

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's pending GetContext fails on Stop: that is how the loop ends.
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream);
            var text = await reader.ReadToEndAsync();
            var (status, body) = Handle(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"],
                text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
            context.Response.StatusCode = status;
            if (body is not null)
            {
                context.Response.ContentType = body["code"] is not null && status >= 400 ? "application/problem+json" : "application/json";
                var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            context.Response.Close();
        }
    }

    private (int, JsonNode?) Handle(string method, string path, string? auth, JsonObject? body)
    {
        if (auth != $"Bearer {Key}") return Problem(401, "auth.invalid-key", "missing or unknown API key");
        var parts = path.Trim('/').Split('/');
        lock (_gate)
        {
            return (method, parts) switch
            {
                ("GET", ["v1", "devices", "ibm_fez"]) => (200, JsonNode.Parse(SnapshotJson.Serialize(Snapshot))),
                ("GET", ["v1", "devices", "ibm_fez", "leases"]) => (200, Leases()),
                ("GET", ["v1", "devices", _]) => Problem(404, "device.not-found", $"no device {parts[2]}"),
                ("POST", ["v1", "devices", "ibm_fez", "leases"]) => Acquire(body!),
                ("POST", ["v1", "leases", var token, "renew"]) => _leases.TryGetValue(token, out var lease)
                    ? (200, lease.DeepClone())
                    : Problem(404, "lease.not-found", "unknown, released or expired"),
                ("DELETE", ["v1", "leases", var token]) => Release(token),
                ("POST", ["v1", "tasks"]) => Submit(body!),
                ("GET", ["v1", "tasks", var id]) => _tasks.TryGetValue(id, out var task) ? (200, task.DeepClone()) : Problem(404, "task.not-found", "no such task"),
                ("GET", ["v1", "tasks", var id, "result"]) => (200, new JsonObject
                {
                    ["taskId"] = id, ["state"] = "completed", ["boundSnapshotVersion"] = 2,
                    ["result"] = new JsonObject { ["shots"] = 100, ["seed"] = 5, ["counts"] = new JsonObject { ["00"] = 60, ["11"] = 40 } },
                }),
                ("POST", ["v1", "tasks", var id, "cancel"]) => Cancel(id),
                _ => Problem(404, "http.not-found", $"{method} {path}"),
            };
        }
    }

    private JsonObject Leases() => new()
    {
        ["device"] = "ibm_fez", ["version"] = 2, ["lanes"] = 1, ["lanesInUse"] = _leases.Count, ["queueDepth"] = 3,
        ["leases"] = new JsonArray([.. _leases.Values.Select(l => (JsonNode)new JsonObject { ["leaseId"] = l["leaseId"]!.DeepClone(), ["lane"] = 0 })]),
    };

    private (int, JsonNode?) Acquire(JsonObject body)
    {
        if (_leases.Count > 0) return Problem(409, "lease.unavailable", "all 1 lanes of ibm_fez are leased");
        var token = "lt_" + Guid.NewGuid().ToString("n");
        var lease = new JsonObject
        {
            ["token"] = token, ["leaseId"] = Guid.NewGuid().ToString(), ["device"] = "ibm_fez", ["lane"] = 0,
            ["exclusive"] = body["exclusive"]!.GetValue<bool>(), ["holder"] = body["holder"]!.GetValue<string>(),
            ["expiresAt"] = DateTimeOffset.UtcNow.AddSeconds(body["ttlSeconds"]!.GetValue<long>()).ToString("O"),
        };
        _leases[token] = lease;
        return (201, lease.DeepClone());
    }

    private (int, JsonNode?) Release(string token)
    {
        _leases.Remove(token);
        return (204, null);
    }

    private (int, JsonNode?) Submit(JsonObject body)
    {
        if (body["leaseToken"] is JsonValue t && !_leases.ContainsKey(t.GetValue<string>()))
            return Problem(409, "lease.not-found", "the lease token is unknown, released or expired");
        Submitted.Add((JsonObject)body.DeepClone());
        var id = Guid.NewGuid().ToString();
        _tasks[id] = new JsonObject { ["id"] = id, ["state"] = "completed", ["device"] = body["device"]!.GetValue<string>(), ["attempt"] = 1 };
        return (201, new JsonObject { ["id"] = id, ["state"] = "queued" });
    }

    private (int, JsonNode?) Cancel(string id)
    {
        if (!_tasks.TryGetValue(id, out var task)) return Problem(404, "task.not-found", "no such task");
        task["state"] = "cancelled";
        return (200, task.DeepClone());
    }

    private static (int, JsonNode?) Problem(int status, string code, string detail) => (status, new JsonObject
    {
        ["type"] = "about:blank", ["title"] = code, ["status"] = status, ["detail"] = detail, ["code"] = code,
        ["origin"] = "protocol", ["correlationId"] = "corr-1", ["timestamp"] = "2025-01-01T00:00:00Z",
    });
}
