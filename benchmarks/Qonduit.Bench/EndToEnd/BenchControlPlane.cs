using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Client;
using Qonduit.Contracts.Devices;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Bench.EndToEnd;

/// <summary>
/// The real control plane in this process on a loopback port (Kestrel, SQLite, API keys), as `qonduit serve` runs it,
/// with a user key and an agent key and one ideal line device wide enough for the largest circuit.
/// Agents reach it only through its URL, as they would across a network.
/// </summary>
public sealed class BenchControlPlane : IAsyncDisposable
{
    public const string Device = "bench-line";

    private readonly WebApplication _app;

    private BenchControlPlane(WebApplication app, string url, string userKey, string agentKey)
    {
        _app = app;
        Url = url;
        AgentKey = agentKey;
        User = new QonduitClient(new Uri(url + "/"), userKey);
    }

    public string Url { get; }

    public string AgentKey { get; }

    public QonduitClient User { get; }

    public static async Task<BenchControlPlane> StartAsync(string folder, int qubits)
    {
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0", "--Qonduit:SeedBundledDevices=false", "--Logging:LogLevel:Default=Warning"],
            builder => builder.Services.AddSqliteStore(new SqliteStoreOptions(Path.Combine(folder, "control-plane.db"))));
        await app.StartAsync().ConfigureAwait(false);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        var now = DateTimeOffset.UtcNow;
        var (_, user) = await ApiKeys.CreateAsync(store, "bench", ApiKeyRole.User, now).ConfigureAwait(false);
        var (_, agent) = await ApiKeys.CreateAsync(store, "bench-agents", ApiKeyRole.Agent, now).ConfigureAwait(false);
        var (_, admin) = await ApiKeys.CreateAsync(store, "bench-admin", ApiKeyRole.Admin, now).ConfigureAwait(false);
        // Ideal: the simulation is one state vector, so its cost is the clean 2^n the table sets the overhead against.
        await new QonduitClient(new Uri(url + "/"), admin)
            .RegisterDeviceAsync(Device, new DeviceRegistrationRequest(Generator: new GeneratorRegistration("line", qubits, Seed: 1, Ideal: true)))
            .ConfigureAwait(false);
        return new BenchControlPlane(app, url, user, agent);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
