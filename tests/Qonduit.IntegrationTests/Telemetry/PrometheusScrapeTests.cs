using System.Diagnostics;
using System.Text.Json;
using Qonduit.Devices.Bundled;
using Qonduit.IntegrationTests.Server;
using Qonduit.Tests.Shared;

namespace Qonduit.IntegrationTests.Telemetry;

/// <summary>
/// `qonduit serve`'s /metrics as an operator meets it: the real Prometheus scrapes it, its QPU telemetry answers
/// PromQL with the bundled snapshot's figures, promtool finds nothing to lint, and every panel of the shipped
/// Grafana dashboard (deploy/grafana/qonduit-qpu.json) is a query Prometheus accepts.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Prometheus_scrapes_serve_and_answers_calibration_queries_and_every_dashboard_panel()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-prometheus-").FullName;
        try
        {
            await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"), "--embedded-agent", "0");
            var keyFile = Path.Combine(home, "admin.key");
            using var client = server.Client((await File.ReadAllTextAsync(keyFile)).Trim());
            var exposition = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Equal((0, ""), await PromtoolCheckAsync(exposition));

            await using var prometheus = await PrometheusProcess.StartAsync(home, server.Url, keyFile);
            await Until.TrueAsync(async () =>
            {
                Assert.True(prometheus.Running, "prometheus exited");
                return (await prometheus.QueryAsync("up{job=\"qonduit\"} == 1 and on() qonduit_qpu_up{device=\"ibm_fez\"}")).Samples.Count > 0;
            }, "prometheus to scrape qonduit serve", Bound);

            Assert.True(BundledDevices.TryGet("ibm_fez", out var fez));
            var t1 = Assert.Single((await prometheus.QueryAsync("qonduit_qpu_qubit_t1_seconds{device=\"ibm_fez\",qubit=\"0\"}")).Samples);
            Assert.Equal(fez.Qubits[0].T1Us!.Value * 1e-6, t1.Value);
            Assert.Equal(48.81e-6, t1.Value, 1e-8);
            var age = Assert.Single((await prometheus.QueryAsync("time() - qonduit_qpu_calibration_timestamp_seconds{device=\"ibm_fez\"}")).Samples);
            Assert.InRange(age.Value, -1, Bound.TotalSeconds + 60);

            foreach (var (panel, expr) in DashboardQueries())
            {
                var (status, _) = await prometheus.QueryAsync(expr);
                Assert.True(status == "success", $"panel '{panel}': {expr} → {status}");
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static IEnumerable<(string Panel, string Expr)> DashboardQueries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", "grafana", "qonduit-qpu.json")));
        var queries = (from panel in dashboard.RootElement.GetProperty("panels").EnumerateArray()
                       from target in panel.GetProperty("targets").EnumerateArray()
                       select (panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!)).ToList();
        Assert.NotEmpty(queries);
        return queries;
    }

    /// <summary>`promtool check metrics` on an exposition: its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> PromtoolCheckAsync(string exposition)
    {
        var start = new ProcessStartInfo("promtool", ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var promtool = Process.Start(start) ?? throw new InvalidOperationException("could not start promtool (scripts/setup/prometheus.sh installs it)");
        var output = promtool.StandardOutput.ReadToEndAsync();
        var errors = promtool.StandardError.ReadToEndAsync();
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        await promtool.WaitForExitAsync();
        return (promtool.ExitCode, (await output + await errors).Trim());
    }
}
