using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qonduit.Agent.Hosting;
using Qonduit.Circuits;
using Qonduit.Cli.Runner;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Cli.Server;

/// <summary>
/// `qonduit serve`: the control plane on SQLite. First start: creates the database, registers the bundled devices
/// and prints an admin key once (also written, mode 0600, beside the database). Stops cleanly on Ctrl+C / SIGTERM.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var db = new Option<string?>("--db") { Description = "SQLite database (default: $QONDUIT_HOME/qonduit.db or ~/.local/share/qonduit/qonduit.db)" };
        var config = new Option<string?>("--config") { Description = "JSON configuration file (the `Qonduit` section: limits, TTLs, windows)" };
        var durability = new Option<string>("--durability")
        {
            Description = "normal: a commit survives kill -9 (WAL, no fsync per commit); full: also power loss (one fsync per commit)",
            DefaultValueFactory = _ => "normal",
        };
        var noSeed = new Option<bool>("--no-seed") { Description = "do not register the bundled devices into an empty registry" };
        var embeddedAgent = new Option<int>("--embedded-agent")
        {
            Description = "slots of the agent run in this process (0: none; tasks then wait for a remote agent)",
            DefaultValueFactory = _ => 2,
        };
        var embeddedMode = new Option<string>("--embedded-agent-mode")
        {
            Description = "inprocess: the embedded agent runs the hermetic runner on its own threads; process: a `qonduit runner` process per task",
            DefaultValueFactory = _ => "inprocess",
        };
        var rateLimit = new Option<string?>("--rate-limit")
        {
            Description = "requests per second per user key (bursts up to 5 times as many), or off (default: 100, or the configuration's UserRequestsPerSecond)",
        };
        var includeDir = new Option<string?>("--include-dir")
        {
            Description = "the only directory submitted circuits may `include` files from (default: none, only qelib1.inc and stdgates.inc)",
        };
        var command = new Command("serve", "run the control plane (REST API, events, agent protocol) on SQLite")
        {
            urls, db, config, durability, noSeed, embeddedAgent, embeddedMode, rateLimit, includeDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var database = parse.GetValue(db) ?? DataDirectory.DefaultDatabase();
            var mode = parse.GetValue(durability) switch
            {
                "normal" => SqliteDurability.Normal,
                "full" => SqliteDurability.Full,
                var other => throw new QonduitException(ErrorCodes.Serve.InvalidDurability, $"--durability is normal or full, not '{other}'"),
            };
            var configFile = parse.GetValue(config);
            if (configFile is not null && !File.Exists(configFile))
                throw new QonduitException(ErrorCodes.Serve.ConfigNotFound, $"configuration file '{configFile}' does not exist");
            var includeDirectory = parse.GetValue(includeDir) is { } dir ? Path.GetFullPath(dir) : null;
            if (includeDirectory is not null && !Directory.Exists(includeDirectory))
                throw new QonduitException(ErrorCodes.Serve.IncludeDirNotFound, $"--include-dir '{includeDirectory}' is not a directory");
            var seed = !parse.GetValue(noSeed);
            var slots = parse.GetValue(embeddedAgent);
            if (slots < 0) throw new QonduitException(ErrorCodes.Serve.InvalidEmbeddedAgent, $"--embedded-agent is a number of slots (0 or more), not {slots}");
            var agentMode = parse.GetValue(embeddedMode) switch
            {
                "inprocess" => EmbeddedAgentMode.InProcess,
                "process" => EmbeddedAgentMode.Process,
                var other => throw new QonduitException(ErrorCodes.Serve.InvalidEmbeddedAgentMode, $"--embedded-agent-mode is inprocess or process, not '{other}'"),
            };
            var userRequestsPerSecond = RequestsPerSecond(parse.GetValue(rateLimit));
            var options = new ServerAppOptions
            {
                Urls = parse.GetValue(urls)!,
                Database = database,
                Durability = mode,
                ConfigFile = configFile,
                SeedBundledDevices = seed,
                UserRequestsPerSecond = userRequestsPerSecond,
                IncludeDirectory = includeDirectory,
            };
            await using var app = ServerApp.Build(options, builder =>
            {
                if (slots == 0) return;
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Qonduit.Agent.Hosting"] = "Information" });
                builder.Services.AddEmbeddedAgent(new EmbeddedAgentOptions
                {
                    Slots = slots,
                    DataDirectory = DataDirectory.Of(database),
                    RunnerCommand = RunnerCommands.CurrentCommand(),
                    Mode = agentMode,
                    ApiKey = (services, token) => LocalAgentKey.ProvisionAsync(
                        services.GetRequiredService<IControlPlaneStore>(), DataDirectory.AgentKeyFile(database), "embedded", token),
                });
            });
            await Console.Error.WriteLineAsync($"qonduit: database {Path.GetFullPath(database)}").ConfigureAwait(false);
            using var stop = cancellationToken.Register(() => app.Lifetime.StopApplication());
            await app.StartAsync(CancellationToken.None).ConfigureAwait(false);
            // The operator's terminal is the one place the first admin key's secret is shown; the log names only its file.
            if (app.Services.GetRequiredService<AdminKeyBootstrap>().CreatedSecret is { } secret)
            {
                await Console.Error.WriteLineAsync(
                    $"qonduit: created admin API key (shown once; also in {app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.BootstrapAdminKeyFile}):\n  {secret}").ConfigureAwait(false);
            }
            // Ctrl+C, SIGTERM or StopApplication: the host stops in order, the embedded agent draining before the web server.
            await app.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>`--rate-limit off|N`: null when not given (the configuration decides), 0 for off.</summary>
    private static int? RequestsPerSecond(string? text) => text switch
    {
        null => null,
        "off" => 0,
        _ when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1_000_000 => n,
        _ => throw new QonduitException(ErrorCodes.Serve.InvalidRateLimit, $"--rate-limit is off or a number of requests per second (1 to 1000000), not '{text}'"),
    };
}
