using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Agent.Hosting;
using Qonduit.Server;
using Qonduit.Storage.Sqlite;

namespace Qonduit.Bench;

/// <summary>
/// The control plane the server benchmarks drive: `qonduit serve`'s composition on SQLite (WAL) in a fresh temporary
/// folder, HTTP on a free loopback port, no bundled devices, warnings only; stopped and its folder deleted on dispose.
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    /// <summary>The 2-qubit circuit the control-plane benchmarks submit: cheap to admit and to run, so the server's own costs show.</summary>
    public const string TwoQubits = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";

    private BenchServer(WebApplication app, DirectoryInfo directory, Uri url, string adminKey) =>
        (App, Directory, Url, AdminKey) = (app, directory, url, adminKey);

    public WebApplication App { get; }

    public DirectoryInfo Directory { get; }

    public Uri Url { get; }

    public string AdminKey { get; }

    /// <param name="configure">Options a benchmark sets beyond these (e.g. no per-user rate limit where it submits as users).</param>
    public static async Task<BenchServer> StartAsync(string benchmark, CancellationToken cancellationToken, Action<ServerOptions>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory($"qonduit-bench-{benchmark}-");
        var app = ServerApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            builder.Services.AddSqliteStore(new SqliteStoreOptions(Path.Combine(directory.FullName, "q.db")));
            builder.Services.PostConfigure<ServerOptions>(o =>
            {
                o.BootstrapAdminKeyFile = Path.Combine(directory.FullName, "admin.key");
                o.SeedBundledDevices = false;
                configure?.Invoke(o);
            });
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var url = EmbeddedAgent.LoopbackUrl(app.Services.GetRequiredService<IServer>());
        var adminKey = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"), cancellationToken).ConfigureAwait(false)).Trim();
        return new BenchServer(app, directory, url, adminKey);
    }

    public static HttpClient Client(Uri url, string key)
    {
        var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await App.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(recursive: true);
        }
    }
}
