using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Qonduit.Server.Tests.Infrastructure;

/// <summary>
/// The server's own composition (<see cref="ServerApp.Build(string[], Action{WebApplicationBuilder}?)"/>) on an in-process
/// test server instead of Kestrel; <paramref name="services"/> in <see cref="StartAsync"/> runs after the defaults, so a
/// store or clock registered there replaces the server's.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private InProcessServer(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public TestServer Server => _app.GetTestServer();

    public static async Task<InProcessServer> StartAsync(Action<IServiceCollection> services)
    {
        var app = ServerApp.Build([], builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            services(builder.Services);
        });
        await app.StartAsync();
        return new InProcessServer(app);
    }

    public HttpClient CreateClient()
    {
        var client = _app.GetTestClient();
        lock (_clients) _clients.Add(client);
        return client;
    }

    /// <summary>
    /// Clients first, as WebApplicationFactory does: disposing them aborts requests still open (event streams, claim long
    /// polls), which would otherwise hold the host's stop; the stop itself is bounded.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients) client.Dispose();
            _clients.Clear();
        }
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(bound.Token);
        await _app.DisposeAsync();
    }
}
