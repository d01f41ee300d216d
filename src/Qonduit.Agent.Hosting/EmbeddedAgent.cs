using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.ControlPlane;
using Qonduit.Scheduling.InProcess;

namespace Qonduit.Agent.Hosting;

/// <summary>
/// An agent run inside the control plane's own process: the real <see cref="AgentWorker"/> talking HTTP to the server's
/// loopback address with an agent-role key, so a task takes exactly the claim/report path a remote agent's would. Its
/// scheduler runs the hermetic runner in this process (<see cref="EmbeddedAgentMode.InProcess"/>, the default) or as a
/// `qonduit runner` process per task (<see cref="EmbeddedAgentMode.Process"/>). <see cref="EmbeddedAgentService"/> runs
/// one for the server's lifetime; a benchmark may start one against a server it already runs.
/// </summary>
public sealed class EmbeddedAgent : IAsyncDisposable
{
    private readonly AgentHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private EmbeddedAgent(AgentHost host)
    {
        _host = host;
        _running = Task.Run(() => host.Worker.RunAsync(_stop.Token));
    }

    /// <summary>Starts the agent against a server that is already listening at <paramref name="server"/>.</summary>
    public static EmbeddedAgent Start(Uri server, string apiKey, EmbeddedAgentOptions options, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        var config = new AgentConfig
        {
            Server = server.ToString(),
            ApiKey = apiKey,
            AgentId = options.AgentId,
            Slots = options.Slots,
            RunRoot = Path.Combine(options.DataDirectory, "runs"),
            Devices = options.Devices,
            RunnerCommand = options.RunnerCommand,
            // A runner process is observed often: it is cheap here and otherwise most of submit → completed latency.
            // The in-process adapter signals each job's end, so its observation interval is only a fallback.
            ObserveMilliseconds = options.Mode == EmbeddedAgentMode.Process ? 10 : null,
        };
        var scheduler = options.Mode == EmbeddedAgentMode.InProcess ? new InProcessScheduler(new InProcessSchedulerOptions { MaxConcurrent = options.Slots }) : null;
        return new EmbeddedAgent(AgentHost.Build(config, logs, scheduler));
    }

    /// <summary>
    /// Drains: stops claiming, lets the reports under way finish, and waits for the worker to return, at most until
    /// <paramref name="cancellationToken"/> fires. Runner processes keep running and are adopted on restart; in-process
    /// jobs end with the process, and the restarted agent has their tasks requeued (docs/architecture.md "Losing the owner").
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the worker's own cancellation, or the drain's bound
        }
        catch (AgentIdTakenException)
        {
            // already logged by the worker when it stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DrainAsync(CancellationToken.None).ConfigureAwait(false);
        (_host.Scheduler as IDisposable)?.Dispose();
        _host.Dispose();
        _stop.Dispose();
    }

    /// <summary>The first plain-HTTP address <paramref name="server"/> listens on, with a wildcard host replaced by loopback.</summary>
    public static Uri LoopbackUrl(IServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.Select(a => new Uri(a.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)))
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening on any address");
        var host = chosen.Host is "0.0.0.0" or "localhost" ? "127.0.0.1" : chosen.Host is "[::]" or "::" ? "[::1]" : chosen.Host;
        return new Uri($"{chosen.Scheme}://{host}:{chosen.Port}/");
    }
}

/// <summary>How the embedded agent runs a task.</summary>
public enum EmbeddedAgentMode
{
    /// <summary>The hermetic runner on a thread of this process: no process start per task.</summary>
    InProcess,

    /// <summary>A `qonduit runner` process per task (the local-process adapter remote agents use).</summary>
    Process,
}
