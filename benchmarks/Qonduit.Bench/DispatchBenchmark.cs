using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Agent.Hosting;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench dispatch`: submit → first dispatch (the claim that takes it) of a requirement task on a real server in
/// process (SQLite in a temp directory, HTTP on loopback), while a deep queue of requirement tasks waits that no idle lane
/// matches (they select a QPU no agent serves) and one protocol-only agent long-polls for the QPU the new task selects.
/// Each submission is timed from the request until the agent's claim answer holds it; the agent then completes it, so it
/// is idle again before the next one. A task not dispatched within the patience counts as starved.
/// </summary>
public static class DispatchBenchmark
{
    private const string Idle = "bench-idle";
    private const string Busy = "bench-busy";
    private const double BoundP50Ms = 50;
    private const double BoundP99Ms = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var queued = new Option<int>("--queued") { Description = "requirement tasks queued that match no idle lane", DefaultValueFactory = _ => 10_000 };
        var submissions = new Option<int>("--submissions") { Description = "timed submissions (after 10 untimed)", DefaultValueFactory = _ => 200 };
        var command = new Command("dispatch", "submit → first dispatch of a requirement task behind a deep non-matching queue: p50 ≤ 50 ms, p99 < 200 ms")
        {
            queued, submissions,
        };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(Math.Max(0, parse.GetValue(queued)), Math.Max(1, parse.GetValue(submissions)), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int queued, int submissions, CancellationToken cancellationToken)
    {
        await using var server = await BenchServer.StartAsync("dispatch", cancellationToken).ConfigureAwait(false);
        var (app, url) = (server.App, server.Url);
        using var admin = BenchServer.Client(url, server.AdminKey);
        (await admin.PutAsJsonAsync($"/v1/devices/{Idle}", new { generator = new { family = "line", qubits = 2, seed = 1 } }, cancellationToken).ConfigureAwait(false))
            .EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/v1/devices/{Busy}", new { generator = new { family = "line", qubits = 3, seed = 1 } }, cancellationToken).ConfigureAwait(false))
            .EnsureSuccessStatusCode();

        var fill = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (var i = s; i < queued; i += 8) await SubmitAsync(admin, Busy, "select[kind=='qpu' && num_qubits==3]", cancellationToken).ConfigureAwait(false);
        }, cancellationToken))).ConfigureAwait(false);
        Console.WriteLine($"qonduit bench dispatch: {queued} non-matching requirement tasks queued in {fill.Elapsed.TotalSeconds:F1} s, {Environment.ProcessorCount} cores, " +
                          $"load average {BenchResults.LoadAverage()}");

        var (_, secret) = await ApiKeys.CreateAsync(app.Services.GetRequiredService<IControlPlaneStore>(), "bench-dispatch", ApiKeyRole.Agent, DateTimeOffset.UtcNow, cancellationToken)
            .ConfigureAwait(false);
        using var agent = BenchServer.Client(url, secret);
        for (var i = 0; i < 10; i++) await DispatchAsync(admin, agent, cancellationToken).ConfigureAwait(false);
        var latencies = new List<double>(submissions);
        var starved = 0;
        for (var i = 0; i < submissions && starved < 5; i++)
        {
            if (await DispatchAsync(admin, agent, cancellationToken).ConfigureAwait(false) is { } ms) latencies.Add(ms);
            else starved++;
        }

        var (p50, p99) = (BenchResults.Percentile(latencies, 0.50), BenchResults.Percentile(latencies, 0.99));
        var met = starved == 0 && p50 <= BoundP50Ms && p99 < BoundP99Ms;
        Console.WriteLine($"  submit → first dispatch ({latencies.Count} dispatched, {starved} starved past {Patience.TotalSeconds:F0} s)   " +
                          $"p50 {p50:F1} ms  p99 {p99:F1} ms   target p50 ≤ {BoundP50Ms} ms, p99 < {BoundP99Ms} ms  {(met ? "met" : "MISSED")}");
        var figures = new JsonObject
        {
            ["queuedNonMatching"] = queued,
            ["submissions"] = latencies.Count + starved,
            ["dispatched"] = latencies.Count,
            ["starved"] = starved,
            ["patienceMs"] = Patience.TotalMilliseconds,
            ["p50Ms"] = latencies.Count == 0 ? null : Math.Round(p50, 2),
            ["p99Ms"] = latencies.Count == 0 ? null : Math.Round(p99, 2),
            ["maxMs"] = latencies.Count == 0 ? null : Math.Round(latencies.Max(), 2),
            ["boundP50Ms"] = BoundP50Ms,
            ["boundP99Ms"] = BoundP99Ms,
            ["met"] = met,
            ["loadAverage"] = BenchResults.LoadAverage(),
        };
        Console.WriteLine($"appended to {BenchResults.Append("dispatch", figures)}");
    }

    /// <summary>
    /// One submission timed until the idle agent's claim holds it (ms), or null when the agent's claims within the patience
    /// did not take it; a dispatched task is completed so the agent is idle for the next.
    /// </summary>
    private static async Task<double?> DispatchAsync(HttpClient admin, HttpClient agent, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var id = await SubmitAsync(admin, Idle, "select[kind=='qpu' && num_qubits==2]", cancellationToken).ConfigureAwait(false);
        while (clock.Elapsed < Patience)
        {
            var waitMs = (int)Math.Max(1, (Patience - clock.Elapsed).TotalMilliseconds);
            using var claim = await agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "bench-dispatch", capacity = 1, devices = new[] { Idle }, waitMs }, cancellationToken)
                .ConfigureAwait(false);
            if (claim.StatusCode != HttpStatusCode.OK) continue;
            var claimed = (await claim.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("task").GetProperty("id").GetGuid();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            using var report = await agent.PostAsJsonAsync($"/v1/tasks/{claimed}/completed", new ReportCompletedRequest("bench-dispatch", MinimalRunResult.For(claimed, Idle)), cancellationToken)
                .ConfigureAwait(false);
            if (!report.IsSuccessStatusCode)
                throw new InvalidOperationException($"completing {claimed} answered {(int)report.StatusCode}: {await report.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            if (claimed == id) return elapsed;
        }
        return null;
    }

    /// <summary>What a runner would report; the figure is the dispatch, so nothing is simulated.</summary>

    private static async Task<Guid> SubmitAsync(HttpClient http, string device, string requirement, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/tasks", new { device, circuit = BenchServer.TwoQubits, shots = 100, requirement }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"submit to {device} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetGuid();
    }
}
