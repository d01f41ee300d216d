using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Qonduit.Agent.Hosting;

/// <summary>
/// Runs an <see cref="EmbeddedAgent"/> for the lifetime of the web server in the same process. The host's lifecycle
/// gives the order: the agent starts once every hosted service has started (the server listens, so its address is
/// known), and drains in <see cref="StoppingAsync"/>, which the host runs before it stops any hosted service, so the
/// agent's last reports still find a listening server. The drain is bounded by the host's shutdown timeout.
/// </summary>
public sealed partial class EmbeddedAgentService(
    EmbeddedAgentOptions options, IServiceProvider services, IServer server, ILoggerFactory logs, ILogger<EmbeddedAgentService> logger)
    : IHostedLifecycleService, IAsyncDisposable
{
    private EmbeddedAgent? _agent;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var url = EmbeddedAgent.LoopbackUrl(server);
        var key = await options.ApiKey(services, cancellationToken).ConfigureAwait(false);
        _agent = EmbeddedAgent.Start(url, key, options, logs);
        Started(logger, options.AgentId, options.Slots, options.Mode, url);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (_agent is not null) await _agent.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null) await _agent.DisposeAsync().ConfigureAwait(false);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "embedded agent '{AgentId}' with {Slots} slot(s) ({Mode}) at {Url}")]
    private static partial void Started(ILogger logger, string agentId, int slots, EmbeddedAgentMode mode, Uri url);
}

public static class EmbeddedAgentRegistration
{
    /// <summary>Runs an agent inside this web server's process; it drains before the server stops.</summary>
    public static IServiceCollection AddEmbeddedAgent(this IServiceCollection services, EmbeddedAgentOptions options)
    {
        services.AddSingleton(options);
        services.AddHostedService<EmbeddedAgentService>();
        return services;
    }
}
