using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Qonduit.Bench.Fuzz;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench fuzz`: the fuzz suite at size against a real `qonduit serve` child process (SQLite, embedded agent,
/// rate limit off so the mutations reach the handlers instead of the limiter): p99 and maximum latency against the 2 s
/// target, rule violations, and the server's resident memory before the campaign and after 10 s idle.
/// </summary>
public static class FuzzBenchmark
{
    private static readonly TimeSpan LatencyTarget = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var requests = new Option<int>("--requests") { Description = "requests to send", DefaultValueFactory = _ => 50_000 };
        var seconds = new Option<int>("--seconds") { Description = "stop after this long even if requests remain", DefaultValueFactory = _ => 600 };
        var seed = new Option<int?>("--seed") { Description = "the campaign's seed (default: random, printed); request i of a seed is always the same" };
        var concurrency = new Option<int>("--concurrency") { Description = "requests in flight", DefaultValueFactory = _ => 8 };
        var command = new Command("fuzz", "mutated requests over every operation: latency p99/max against 2 s, violations, memory after idle")
        {
            requests, seconds, seed, concurrency,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new FuzzSettings(parse.GetValue(seed) ?? Random.Shared.Next(), parse.GetValue(requests),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(concurrency));
            return await RunAsync(settings, cancellationToken).ConfigureAwait(false) ? 0 : 1;
        });
        return command;
    }

    private static async Task<bool> RunAsync(FuzzSettings settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-bench-fuzz-");
        var database = Path.Combine(directory.FullName, "q.db");
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        using var server = StartServer(database, url);
        try
        {
            await WaitHealthyAsync(server, url, cancellationToken).ConfigureAwait(false);
            var adminKey = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"), cancellationToken).ConfigureAwait(false)).Trim();
            var (context, operations) = await FuzzTarget.PrepareAsync(url, database, adminKey, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"qonduit bench fuzz: seed {settings.Seed}, {settings.Requests} requests, {settings.Concurrency} in flight, " +
                $"{operations.Count} operations, serve --embedded-agent 2 --rate-limit off on {url}, {Environment.ProcessorCount} cores");
            await FuzzCampaign.RunAsync(url, context, operations, settings with { Seed = settings.Seed + 1, Requests = 2_000 }, cancellationToken).ConfigureAwait(false);
            var baseline = ProcessMemory.ResidentBytes(server.Id);
            var report = await FuzzCampaign.RunAsync(url, context, operations, settings, cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            var idle = ProcessMemory.ResidentBytes(server.Id);
            return Print(settings, report, baseline, idle);
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            directory.Delete(recursive: true);
        }
    }

    private static bool Print(FuzzSettings settings, FuzzReport report, long baseline, long idle)
    {
        var (p99, max) = (report.LatencyPercentileMs(0.99), report.MaxLatencyMs);
        var growthMb = (idle - baseline) / (1024.0 * 1024);
        Console.WriteLine($"  requests: {report.Outcomes.Count} in {report.Elapsed.TotalSeconds:F1} s ({report.Outcomes.Count / report.Elapsed.TotalSeconds:F0}/s); answers {report.StatusSummary}");
        Console.WriteLine($"  latency p50 {report.LatencyPercentileMs(0.5):F1} ms, p99 {p99:F1} ms, max {max:F1} ms    target ≤ {LatencyTarget.TotalMilliseconds:F0} ms: {(max <= LatencyTarget.TotalMilliseconds ? "met" : "NOT met")}");
        Console.WriteLine($"  server RSS {baseline / 1048576.0:F0} MB before, {idle / 1048576.0:F0} MB after 10 s idle ({growthMb:+0;-0} MB)    bound +50 MB: {(growthMb < 50 ? "met" : "NOT met")}");
        Console.WriteLine($"  violations: {report.Violations.Count}");
        foreach (var kind in report.ViolationKinds(settings.Seed)) Console.WriteLine($"    {kind}");
        var figures = new JsonObject
        {
            ["seed"] = settings.Seed,
            ["concurrency"] = settings.Concurrency,
            ["rateLimit"] = "off",
            ["requests"] = report.Outcomes.Count,
            ["latencyP50Ms"] = Math.Round(report.LatencyPercentileMs(0.5), 2),
            ["latencyP99Ms"] = Math.Round(p99, 2),
            ["latencyMaxMs"] = Math.Round(max, 2),
            ["violations"] = report.Violations.Count,
            ["rssBaselineMb"] = Math.Round(baseline / 1048576.0, 1),
            ["rssAfterIdleMb"] = Math.Round(idle / 1048576.0, 1),
        };
        Console.WriteLine($"appended to {BenchResults.Append("fuzz", figures)}");
        return report.Violations.Count == 0;
    }

    /// <summary>This CLI's own `serve`, as an operator starts it, so the memory measured is a server's alone.</summary>
    private static Process StartServer(string database, Uri url)
    {
        var launcher = Path.Combine(AppContext.BaseDirectory, "qonduit");
        var start = new ProcessStartInfo(launcher, ["serve", "--db", database, "--urls", url.ToString().TrimEnd('/'), "--embedded-agent", "2", "--rate-limit", "off"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start qonduit serve");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(Process server, Uri url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (server.HasExited) throw new InvalidOperationException($"qonduit serve exited with {server.ExitCode}");
            try
            {
                if ((await http.GetAsync("/healthz", cancellationToken).ConfigureAwait(false)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException("qonduit serve did not become healthy within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
