using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.ControlPlane;
using Qonduit.Cli.Agent;
using Qonduit.Scheduling.InProcess;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Cli.Server;

/// <summary>
/// The agent `qonduit serve --embedded-agent` runs in its own process: the real <see cref="Qonduit.Agent.AgentWorker"/>
/// talking HTTP to the server's loopback address with an agent-role key, so a task takes exactly the claim/report path
/// a remote agent's would. Its scheduler runs the hermetic runner in this process (<see cref="EmbeddedAgentMode.InProcess"/>,
/// the default) or as a `qonduit runner` process per task (<see cref="EmbeddedAgentMode.Process"/>).
/// </summary>
public sealed class EmbeddedAgent : IAsyncDisposable
{
    public const string KeyName = "embedded-agent";

    private readonly AgentHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private EmbeddedAgent(AgentHost host)
    {
        _host = host;
        _running = Task.Run(() => host.Worker.RunAsync(_stop.Token));
    }

    public string AgentId { get; private init; } = "";

    /// <summary>Starts the agent against a server that is already listening.</summary>
    /// <param name="devices">Claim only these devices (all when null).</param>
    public static async Task<EmbeddedAgent> StartAsync(
        WebApplication app, int slots, string dataDirectory, IReadOnlyList<string>? devices = null, string agentId = "embedded",
        EmbeddedAgentMode mode = EmbeddedAgentMode.InProcess, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        var key = await KeyAsync(store, Path.Combine(dataDirectory, "agent.key"), agentId, cancellationToken).ConfigureAwait(false);
        var config = new AgentConfig
        {
            Server = LoopbackUrl(app),
            ApiKey = key,
            AgentId = agentId,
            Slots = slots,
            RunRoot = Path.Combine(dataDirectory, "runs"),
            Devices = devices,
            // A runner process is observed often: it is cheap here and otherwise most of submit → completed latency.
            // The in-process adapter signals each job's end, so its observation interval is only a fallback.
            ObserveMilliseconds = mode == EmbeddedAgentMode.Process ? 10 : null,
        };
        var scheduler = mode == EmbeddedAgentMode.InProcess ? new InProcessScheduler(new InProcessSchedulerOptions { MaxConcurrent = slots }) : null;
        var host = AgentHost.Build(config, app.Services.GetRequiredService<ILoggerFactory>(), scheduler);
        return new EmbeddedAgent(host) { AgentId = agentId };
    }

    /// <summary>
    /// Stops claiming, lets reports under way finish, and waits for the worker to return. Runner processes keep running
    /// and are adopted on restart; in-process jobs end with the process, and the restarted agent reports what they left.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the worker's own cancellation
        }
        catch (AgentIdTakenException)
        {
            // already logged by the worker when it stopped
        }
        (_host.Scheduler as IDisposable)?.Dispose();
        _host.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Reuses the key in <paramref name="path"/> while the store still accepts it; otherwise issues a new one there (mode 0600)
    /// and binds <paramref name="agentId"/>, which the lost key may hold, to it: the server is its own admin here.
    /// </summary>
    private static async Task<string> KeyAsync(IControlPlaneStore store, string path, string agentId, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } existing
            && store.FindKeyByHash(ApiKeys.Hash(existing)) is { IsActive: true, Role: ApiKeyRole.Agent })
            return existing;
        var now = DateTimeOffset.UtcNow;
        // The file is gone or belongs to another database: the stored key of that name can no longer be used by anyone.
        if (store.ListKeys().Any(k => k.IsActive && k.Name == KeyName))
            await ApiKeys.RevokeAsync(store, KeyName, now, cancellationToken).ConfigureAwait(false);
        var (_, secret) = await ApiKeys.CreateAsync(store, KeyName, ApiKeyRole.Agent, now, cancellationToken).ConfigureAwait(false);
        if (store.ListAgents().Any(a => a.AgentId == agentId))
            await AgentBinding.RebindAsync(store, KeyName, agentId, now, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new StreamWriter(path, fileOptions)) await file.WriteLineAsync(secret).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return secret;
    }

    /// <summary>The first plain-HTTP address the server listens on, with a wildcard host replaced by loopback.</summary>
    public static string LoopbackUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.Select(a => new Uri(a.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)))
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening on any address");
        var host = chosen.Host is "0.0.0.0" or "localhost" ? "127.0.0.1" : chosen.Host is "[::]" or "::" ? "[::1]" : chosen.Host;
        return $"{chosen.Scheme}://{host}:{chosen.Port}/";
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
