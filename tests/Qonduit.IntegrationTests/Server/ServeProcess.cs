using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Qonduit.Server.Auth;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Server;

/// <summary>A real `qonduit serve` process on a loopback port over a given database.</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private readonly string _database;

    private readonly Queue<string> _log = new();

    private ServeProcess(Process process, Uri url, string database)
    {
        _process = process;
        Url = url;
        _database = database;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    /// <summary>The server's last log lines (stdout and stderr), for the message of a failing test.</summary>
    public string LogTail
    {
        get { lock (_log) return string.Join('\n', _log); }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > 200) _log.Dequeue();
        }
    }

    public Uri Url { get; }

    /// <summary>The server's process id, e.g. to read its memory from /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The native launcher of the CLI built in this test run's configuration.</summary>
    public static string Launcher { get; } = Path.Combine(RepoPaths.Root, "src", "Qonduit.Cli", "bin",
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug", "net10.0", "qonduit");

    /// <param name="options">Further `serve` options, e.g. `--no-seed` or `--embedded-agent 0`.</param>
    public static async Task<ServeProcess> StartAsync(string database, params string[] options)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(Launcher, ["serve", "--db", database, "--urls", url.ToString().TrimEnd('/'), .. options])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start qonduit serve");
        var serve = new ServeProcess(process, url, database);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient { BaseAddress = url };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"qonduit serve exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return serve;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("qonduit serve did not become healthy");
            await Task.Delay(100);
        }
    }

    /// <summary>A new key in the server's database, as `qonduit keys create` makes it (works while the server runs).</summary>
    public async Task<string> CreateKeyAsync(string name, ApiKeyRole role)
    {
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(_database));
        return (await ApiKeys.CreateAsync(store, name, role, DateTimeOffset.UtcNow)).Secret;
    }

    public HttpClient Client(string key)
    {
        var http = new HttpClient { BaseAddress = Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>A loopback port nothing listens on now (for servers a test starts).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
