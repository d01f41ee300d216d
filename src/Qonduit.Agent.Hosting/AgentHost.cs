using Microsoft.Extensions.Logging;
using Qonduit.Agent.Commands;
using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Elim;
using Qonduit.Agent.Scheduling;
using Qonduit.Scheduling.Local;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Agent.Hosting;

/// <summary>
/// Composes an agent from its configuration: the HTTP agent protocol, the chosen scheduler adapter with its site
/// settings, and the worker. <see cref="EmbeddedAgent"/> builds one too (loopback URL, in-process or local adapter).
/// </summary>
public sealed class AgentHost : IDisposable
{
    private readonly HttpClient _http;

    private AgentHost(HttpClient http, AgentWorker worker, IScheduler scheduler)
    {
        _http = http;
        Worker = worker;
        Scheduler = scheduler;
    }

    public AgentWorker Worker { get; }

    public IScheduler Scheduler { get; }

    /// <param name="scheduler">Used instead of the adapter <paramref name="config"/> names (the embedded agent's in-process one).</param>
    public static AgentHost Build(AgentConfig config, ILoggerFactory logs, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logs);
        var server = config.Server is { Length: > 0 } s && Uri.TryCreate(s.TrimEnd('/') + "/", UriKind.Absolute, out var uri)
                     && uri.Scheme is "http" or "https"
            ? uri
            : throw new AgentConfigException($"the server URL '{config.Server}' is missing or not an http(s) URL (--server)");
        var apiKey = ApiKey(config);
        var agentId = config.AgentId is { Length: > 0 } id ? id : Environment.MachineName;
        var slots = config.Slots ?? 1;
        if (slots < 1) throw new AgentConfigException($"slots must be at least 1, got {slots}");
        // The pools and devices after the command line's overlay, so a reporter may name a device given by --device.
        IReadOnlyList<string> resources = [.. (config.Pools ?? []).Select(p => p.Name), .. config.Devices ?? []];
        var reporters = config.Reporters ?? [];
        if (ReporterSpec.Problem(reporters, resources) is { } problem) throw new AgentConfigException($"reporters: {problem}");
        var options = new AgentOptions
        {
            AgentId = agentId,
            Slots = slots,
            RunRoot = config.RunRoot is { Length: > 0 } root ? root : Path.Combine(Environment.CurrentDirectory, "qonduit-runs"),
            HeartbeatInterval = Seconds(config.HeartbeatSeconds, "heartbeatSeconds") ?? TimeSpan.FromSeconds(5),
            ClaimWait = Seconds(config.ClaimWaitSeconds, "claimWaitSeconds") ?? TimeSpan.FromSeconds(20),
            ObserveInterval = Seconds(config.ObserveMilliseconds / 1000, "observeMilliseconds") ?? TimeSpan.FromMilliseconds(250),
            Reporters = reporters,
            Resources = resources,
            Commands = config.Commands ?? new Dictionary<string, DeclaredCommand>(),
        };
        scheduler ??= CreateScheduler(config, slots);
        var http = new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
        var controlPlane = new HttpControlPlane(http, apiKey, agentId, config.Devices, config.Pools, [.. options.Commands.Keys.Order(StringComparer.Ordinal)]);
        return new AgentHost(http, new AgentWorker(controlPlane, scheduler, options, TimeProvider.System, logs.CreateLogger<AgentWorker>()), scheduler);
    }

    public void Dispose() => _http.Dispose();

    private static IScheduler CreateScheduler(AgentConfig config, int slots)
    {
        var runner = config.RunnerCommand is { Count: > 0 } command
            ? command
            : throw new AgentConfigException("no runner command: the host names the `runner` command line it runs (runnerCommand)");
        switch (config.Scheduler ?? "local")
        {
            case "local":
                return new LocalProcessScheduler(new LocalSchedulerOptions
                {
                    RunnerCommand = runner,
                    MaxConcurrent = config.Local?.MaxConcurrent ?? slots,
                    // Opened now, so an agent that cannot enforce its configured limit refuses to start rather than run unlimited.
                    MemoryLimit = config.Local?.MemoryLimitMb is { } limitMb ? MemoryCgroups.Open(limitMb) : null,
                });
            case "slurm":
                return new SlurmScheduler((config.Slurm ?? new SlurmOptions { RunnerCommand = runner }) with { RunnerCommand = runner });
            default:
                throw new AgentConfigException($"unknown scheduler '{config.Scheduler}' (use local or slurm)");
        }
    }

    private static string ApiKey(AgentConfig config)
    {
        if (config.ApiKey is { Length: > 0 } key) return key;
        if (config.ApiKeyFile is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new AgentConfigException($"the API key file '{file}' does not exist");
            return File.ReadLines(file).FirstOrDefault()?.Trim() is { Length: > 0 } fromFile
                ? fromFile
                : throw new AgentConfigException($"the API key file '{file}' is empty");
        }
        return Environment.GetEnvironmentVariable("QONDUIT_API_KEY") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : throw new AgentConfigException("no API key: give --api-key, apiKey or apiKeyFile in the configuration, or QONDUIT_API_KEY");
    }

    private static TimeSpan? Seconds(double? seconds, string name) => seconds switch
    {
        null => null,
        > 0 and < 86_400 => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new AgentConfigException($"{name} must be positive and under a day, got {seconds}"),
    };
}
