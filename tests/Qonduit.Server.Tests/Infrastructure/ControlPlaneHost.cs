using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Auth;
using Qonduit.Server.Devices;
using Qonduit.Server.Tasks;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;
using Qonduit.Tests.Shared;
using Qonduit.Tests.Shared.Storage;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>
/// The control plane in a test server (<see cref="InProcessServer"/>) over a chosen store and a manual clock, with keys
/// for an admin, two users (alice, bob) and an agent, and the 5-qubit line device registered; no per-key rate limit.
/// </summary>
public sealed class ControlPlaneHost : IAsyncDisposable
{
    private readonly InProcessServer _factory;
    private readonly string? _databasePath;

    private ControlPlaneHost(InProcessServer factory, IControlPlaneStore store, ManualTimeProvider clock, string? databasePath)
    {
        _factory = factory;
        Store = store;
        Clock = clock;
        _databasePath = databasePath;
    }

    public IControlPlaneStore Store { get; }

    public ManualTimeProvider Clock { get; }

    public IServiceProvider Services => _factory.Services;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Alice { get; private set; } = null!;

    public HttpClient Bob { get; private set; } = null!;

    public HttpClient Agent { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public static async Task<ControlPlaneHost> StartAsync(StoreKind kind = StoreKind.InMemory, Action<ServerOptions>? configure = null, bool registerLine = true)
    {
        var clock = new ManualTimeProvider();
        string? path = null;
        IControlPlaneStore store;
        if (kind == StoreKind.Sqlite)
        {
            path = Path.Combine(Path.GetTempPath(), $"qonduit-test-{Guid.NewGuid():N}.db");
            store = new SqliteControlPlaneStore(new SqliteStoreOptions(path));
        }
        else
        {
            store = new InMemoryControlPlaneStore();
        }
        var factory = await InProcessServer.StartAsync(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(store);
            services.Configure<ServerOptions>(o =>
            {
                o.SeedBundledDevices = false;
                // Tests drive one user key far faster than a person; RateLimits tests turn the limit back on.
                o.UserRequestsPerSecond = 0;
                configure?.Invoke(o);
            });
        });
        var host = new ControlPlaneHost(factory, store, clock, path);
        host.Anonymous = factory.CreateClient();
        host.Admin = await host.ClientAsync("admin", ApiKeyRole.Admin);
        host.Alice = await host.ClientAsync("alice", ApiKeyRole.User);
        host.Bob = await host.ClientAsync("bob", ApiKeyRole.User);
        host.Agent = await host.ClientAsync("agent-key", ApiKeyRole.Agent);
        if (registerLine) await host.RegisterAsync(Samples.Line());
        return host;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<HttpClient> ClientAsync(string name, ApiKeyRole role, string? user = null) => WithKey(await KeyAsync(name, role, user));

    /// <summary>A new key's secret (of <paramref name="user"/>, or its own user), for clients that set the header themselves (the agent's HttpControlPlane).</summary>
    public async Task<string> KeyAsync(string name, ApiKeyRole role, string? user = null) => (await ApiKeys.CreateAsync(Store, name, role, Clock.GetUtcNow(), user)).Secret;

    /// <summary>A client whose requests pass through <paramref name="handler"/> before the server (to count or hold them).</summary>
    public HttpClient WithKey(string secret, DelegatingHandler handler)
    {
        handler.InnerHandler = _factory.Server.CreateHandler();
        var client = new HttpClient(handler) { BaseAddress = _factory.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public HttpClient WithKey(string secret)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public Task<DeviceChange> RegisterAsync(DeviceSnapshot snapshot) => Get<DeviceRegistry>().RegisterAsync(snapshot.Device, snapshot, "test");

    public async Task<TaskView> SubmitAsync(HttpClient? client = null, string circuit = Samples.Bell, string device = "line5", int shots = 100, int? snapshotVersion = null)
    {
        var response = await (client ?? Alice).PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest(device, circuit, null, shots, SnapshotVersion: snapshotVersion));
        await Expect.StatusAsync(response, 201);
        return (await response.Content.ReadFromJsonAsync<TaskView>())!;
    }

    public async Task<ClaimResponse> ClaimAsync(string agentId = "agent-1", int waitMs = 0, HttpClient? client = null)
    {
        var response = await (client ?? Agent).PostAsJsonAsync("/v1/agent/claim", new ClaimRequest(agentId, 1, null, waitMs));
        await Expect.StatusAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<ClaimResponse>())!;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Store is IDisposable disposable) disposable.Dispose();
        if (_databasePath is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_databasePath + suffix);
        }
    }
}
