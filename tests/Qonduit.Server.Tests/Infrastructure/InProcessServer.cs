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

    public HttpClient CreateClient() => _app.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
