using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.IntegrationTests.Server;

namespace Qonduit.IntegrationTests.Telemetry;

/// <summary>
/// The real Prometheus server (Debian package `prometheus`, installed by scripts/setup/prometheus.sh) on a loopback
/// port, scraping one target every second with a bearer key file, with its storage in a temporary directory.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusProcess(Process process, Uri url)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = url };
    }

    public static async Task<PrometheusProcess> StartAsync(string directory, Uri target, string keyFile)
    {
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: qonduit
                metrics_path: /metrics
                authorization:
                  type: Bearer
                  credentials_file: {keyFile}
                static_configs:
                  - targets: ["{target.Authority}"]
            """);
        var url = new Uri($"http://127.0.0.1:{ServeProcess.FreePort()}/");
        var start = new ProcessStartInfo("prometheus",
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address={url.Authority}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start prometheus (scripts/setup/prometheus.sh installs it)");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var prometheus = new PrometheusProcess(process, url);
        await prometheus.ReadyAsync();
        return prometheus;
    }

    /// <summary>
    /// Until `/-/ready` answers 200: before it has opened its storage Prometheus answers queries with a plain-text 503.
    /// </summary>
    private async Task ReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}");
            try
            {
                using var ready = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("prometheus was not ready within 30 s");
            await Task.Delay(100);
        }
    }

    /// <summary>An instant query through `/api/v1/query`: its status and the samples of a vector or scalar result.</summary>
    public async Task<(string Status, IReadOnlyList<(JsonElement Labels, double Value)> Samples)> QueryAsync(string expr)
    {
        using var response = await _http.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(expr)}", UriKind.Relative));
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var root = body.RootElement;
        var status = root.GetProperty("status").GetString()!;
        if (status != "success") return (status + ": " + root.GetProperty("error").GetString(), []);
        var data = root.GetProperty("data");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() == "scalar") return (status, [(default, Number(result[1]))]);
        return (status, [.. result.EnumerateArray().Select(s => (s.GetProperty("metric").Clone(), Number(s.GetProperty("value")[1])))]);
    }

    /// <summary>Whether the process is still running (a bad flag or config makes it exit at once).</summary>
    public bool Running => !_process.HasExited;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static double Number(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
