using Qonduit.Contracts;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Qonduit.Server.Accounting;
using Qonduit.Server.Agents;
using Qonduit.Server.Artifacts;
using Qonduit.Server.Auth;
using Qonduit.Server.Consumers;
using Qonduit.Server.Devices;
using Qonduit.Server.Events;
using Qonduit.Server.Graphs;
using Qonduit.Server.Leases;
using Qonduit.Server.Memory;
using Qonduit.Server.Metrics;
using Qonduit.Server.OpenApi;
using Qonduit.Server.Problems;
using Qonduit.Server.RateLimits;
using Qonduit.Server.Placement;
using Qonduit.Server.Resources;
using Qonduit.Server.Tasks;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Server;

/// <summary>The control plane's composition: read it as its table of contents.</summary>
public static class ServerApp
{
    /// <summary>
    /// The deployable control plane on SQLite (`qonduit serve`): quiet logs but for start and stop, the configuration file,
    /// the flags' overrides, and the first admin key beside the database. Hosted services that <paramref name="configure"/>
    /// adds (an embedded agent) stop before the web server: their last requests still find it listening.
    /// </summary>
    public static WebApplication Build(ServerAppOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Build(["--urls", options.Urls], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            });
            if (options.ConfigFile is { } file) builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false);
            builder.Services.AddSqliteStore(new SqliteStoreOptions(options.Database, options.Durability));
            builder.Services.AddFileArtifactStore(DataDirectory.Artifacts(options.Database));
            builder.Services.PostConfigure<ServerOptions>(o =>
            {
                o.BootstrapAdminKeyFile ??= DataDirectory.AdminKeyFile(options.Database);
                o.SeedBundledDevices &= options.SeedBundledDevices;
                if (options.UserRequestsPerSecond is { } perSecond) o.UserRequestsPerSecond = perSecond;
                if (options.IncludeDirectory is not null) o.IncludeDirectory = options.IncludeDirectory;
            });
            configure?.Invoke(builder);
        });
    }

    /// <param name="configure">Runs after the defaults, e.g. to register a storage adapter in place of the in-memory one.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IControlPlaneStore, InMemoryControlPlaneStore>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // The one wire serialization shared with the client and the agent; the server writes null members as well.
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJson.Default);
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblems();
        builder.Services.AddRequestLimits();
        builder.Services.AddApiKeyAuth();
        builder.Services.AddUserRateLimits();
        builder.Services.AddServerMetrics();
        builder.Services.AddEvents();
        builder.Services.AddDevices();
        builder.Services.AddTasks();
        builder.Services.AddAgents();
        builder.Services.AddLeases();
        builder.Services.AddResources();
        builder.Services.AddPlacement();
        builder.Services.AddConsumers();
        builder.Services.AddArtifacts();
        builder.Services.AddGraphs();
        builder.Services.AddIdleMemoryTrim();
        builder.Services.AddApiDocument();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseIdleMemoryTrim();
        app.UseProblems();
        app.UseAuthentication();
        // After authentication: the limit is per key.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapMetrics();
        app.MapTasks();
        app.MapMalformedTaskIds();
        app.MapDevices();
        app.MapAgents();
        app.MapUsers();
        app.MapKeys();
        app.MapLeases();
        app.MapResources();
        app.MapPlacement();
        app.MapConsumers();
        app.MapAccounting();
        app.MapArtifacts();
        app.MapGraphs();
        app.MapEvents();
        app.MapApiDocument();
        return app;
    }
}
