using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.IntegrationTests.Slurm.EndToEnd;

/// <summary>
/// The real control plane on a loopback port (Kestrel, real HTTP, API keys), with a user, an agent and an admin key
/// and one generated 5-qubit line device. Agents reach it only through its URL, as they would across a network.
/// </summary>
public sealed class ControlPlaneHarness : IAsyncDisposable
{
    public const string Device = "line5";

    private readonly WebApplication _app;

    private ControlPlaneHarness(WebApplication app, string url, string userKey, string agentKey, string adminKey)
    {
        _app = app;
        Url = url;
        AgentKey = agentKey;
        User = Client(url, userKey);
        Admin = Client(url, adminKey);
    }

    public string Url { get; }

    public string AgentKey { get; }

    public HttpClient User { get; }

    public HttpClient Admin { get; }

    public static async Task<ControlPlaneHarness> StartAsync(TimeSpan staleAfter)
    {
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Qonduit:SeedBundledDevices=false",
            $"--Qonduit:AgentStaleAfter={staleAfter:c}", "--Qonduit:StaleScanInterval=00:00:01", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        var now = DateTimeOffset.UtcNow;
        var (_, user) = await ApiKeys.CreateAsync(store, "alice", ApiKeyRole.User, now);
        var (_, agent) = await ApiKeys.CreateAsync(store, "agents", ApiKeyRole.Agent, now);
        var (_, admin) = await ApiKeys.CreateAsync(store, "root", ApiKeyRole.Admin, now);
        var harness = new ControlPlaneHarness(app, url, user, agent, admin);
        using var registered = await harness.Admin.PutAsJsonAsync($"v1/devices/{Device}", new { generator = new { family = "line", qubits = 5, seed = 1 } });
        registered.EnsureSuccessStatusCode();
        return harness;
    }

    public async Task<string> SubmitAsync(string circuit, int shots = 1000, long seed = 7)
    {
        using var response = await User.PostAsJsonAsync("v1/tasks", new { device = Device, circuit, dialect = "openqasm2", shots, seed });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"submit answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> TaskAsync(string id) =>
        JsonDocument.Parse(await User.GetStringAsync($"v1/tasks/{id}")).RootElement.Clone();

    public async Task<JsonElement> ResultAsync(string id) =>
        JsonDocument.Parse(await User.GetStringAsync($"v1/tasks/{id}/result")).RootElement.Clone();

    /// <summary>Waits until every task reaches a terminal state; returns each task's record.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> WaitTerminalAsync(IEnumerable<string> ids, TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        var done = new Dictionary<string, JsonElement>();
        var pending = ids.ToHashSet();
        while (pending.Count > 0)
        {
            // One listing per round, as a polite client polls (a request per task would meet the user rate limit).
            var listing = JsonDocument.Parse(await User.GetStringAsync("v1/tasks?limit=500")).RootElement.Clone();
            foreach (var task in listing.GetProperty("items").EnumerateArray())
            {
                var id = task.GetProperty("id").GetString()!;
                if (pending.Contains(id) && task.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
                {
                    done[id] = task;
                    pending.Remove(id);
                }
            }
            if (pending.Count == 0) break;
            try
            {
                await Task.Delay(200, patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{pending.Count} task(s) not terminal after {timeout.TotalSeconds:0} s, e.g. {await TaskAsync(pending.First())}");
            }
        }
        return done;
    }

    /// <summary>Accepted terminal reports and refused ones (evidence) per task, read from the event log.</summary>
    public (int Terminal, int Rejected) Reports(string id)
    {
        var events = _app.Services.GetRequiredService<IControlPlaneStore>().ReadEvents(0, new EventFilter(TaskId: Guid.Parse(id)), 100_000);
        return (events.Count(e => e.Type is "task.completed" or "task.failed"), events.Count(e => e.Type == "task.report-rejected"));
    }

    public async ValueTask DisposeAsync()
    {
        User.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
