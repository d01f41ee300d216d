using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Contracts.Agents;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench claims`: claim latency with fair share in force (docs/orchestration.md §3) on a real server in process
/// (SQLite in WAL in a temp directory, HTTP on loopback, fair share recomputed every second): ten users in ten leaf
/// consumers of three accounts, two of which own slots of the device, so every claim takes the Fair Tree order and
/// reads the caps; a queue of device-bound tasks spread over the users, which never falls below <c>--queued</c> while
/// claims are timed; usage set up first so the order is not the submit order. Four protocol-only agents each claim
/// (no long poll) and complete in a loop; every claim request is timed until its answer, at the agent.
/// </summary>
public static class ClaimsBenchmark
{
    private const string Device = "bench-claims";
    private const double BoundP99Ms = 10;
    private const int Agents = 4;

    /// <summary>Ten leaves under three accounts; chem and opt own slots of the device (8 lanes), phys borrows.</summary>
    private const string Tree = """
        {"name": "root", "children": [
          {"name": "chem", "shares": 40, "pools": {"bench-claims": {"owned": 2}}, "children": [{"name": "alice", "shares": 2}, {"name": "bob"}, {"name": "carol"}]},
          {"name": "opt", "shares": 30, "pools": {"bench-claims": {"owned": 2}}, "children": [{"name": "dave"}, {"name": "erin", "shares": 3}, {"name": "frank"}, {"name": "grace"}]},
          {"name": "phys", "shares": 30, "children": [{"name": "heidi"}, {"name": "ivan"}, {"name": "judy", "shares": 2}]}]}
        """;

    private static readonly string[] Users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];

    private static readonly string[] Accounts = ["chem", "chem", "chem", "opt", "opt", "opt", "opt", "phys", "phys", "phys"];

    public static Command Create()
    {
        var queued = new Option<int>("--queued") { Description = "tasks still queued when the last timed claim is made", DefaultValueFactory = _ => 10_000 };
        var claims = new Option<int>("--claims") { Description = "timed claims (after a warm-up of a fifth as many)", DefaultValueFactory = _ => 2_000 };
        var plain = new Option<bool>("--plain") { Description = "no consumer tree (every user in /default): the plain queue order, for comparison" };
        var breakdown = new Option<bool>("--breakdown") { Description = "also time each part of the claim path alone, after the warm-up" };
        var command = new Command("claims", "claim latency with the fair-share order and caps in force, 10,000 queued tasks, 4 agents, SQLite: p99 ≤ 10 ms")
        {
            queued, claims, plain, breakdown,
        };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(Math.Max(0, parse.GetValue(queued)), Math.Max(1, parse.GetValue(claims)), parse.GetValue(plain), parse.GetValue(breakdown), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(int queued, int claims, bool plain, bool breakdown, CancellationToken cancellationToken)
    {
        // The users submit far faster than people would; fair share is recomputed on the shortest period a server allows.
        await using var server = await BenchServer.StartAsync("claims", cancellationToken, o =>
        {
            o.UserRequestsPerSecond = 0;
            o.FairSharePeriod = TimeSpan.FromSeconds(1);
        }).ConfigureAwait(false);
        var (app, url) = (server.App, server.Url);
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        using var admin = BenchServer.Client(url, server.AdminKey);
        (await admin.PutAsJsonAsync($"/v1/devices/{Device}", new { generator = new { family = "line", qubits = 2, seed = 1 }, lanes = 8 }, cancellationToken).ConfigureAwait(false))
            .EnsureSuccessStatusCode();
        var users = new List<HttpClient>();
        foreach (var user in Users)
        {
            var (_, secret) = await ApiKeys.CreateAsync(store, user, ApiKeyRole.User, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            users.Add(BenchServer.Client(url, secret));
        }
        if (!plain)
        {
            (await admin.PutAsync("/v1/consumers", new StringContent(Tree, Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
            foreach (var (user, account) in Users.Zip(Accounts))
                (await admin.PutAsJsonAsync($"/v1/users/{user}/consumer", new { consumer = $"/{account}/{user}" }, cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
        }
        var agents = new List<(string Id, HttpClient Http)>();
        for (var a = 0; a < Agents; a++)
        {
            var (_, secret) = await ApiKeys.CreateAsync(store, $"bench-claims-{a}", ApiKeyRole.Agent, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            agents.Add(($"bench-claims-{a}", BenchServer.Client(url, secret)));
        }

        // Usage: user i's task runs about (i + 1) × 20 ms, one at a time, so the users' fair-share values differ and the
        // order is not the submit order.
        var usageStart = Stopwatch.StartNew();
        for (var i = 0; i < users.Count; i++)
        {
            await SubmitAsync(users[i], cancellationToken).ConfigureAwait(false);
            var (id, _) = await ClaimAsync(agents[0], cancellationToken).ConfigureAwait(false);
            await Task.Delay(20 * (i + 1), cancellationToken).ConfigureAwait(false);
            await CompleteAsync(agents[0], id ?? throw new InvalidOperationException($"{Users[i]}'s usage task was not claimed"), cancellationToken).ConfigureAwait(false);
        }
        (await admin.GetAsync("/v1/consumers/fairshare?recompute=1", cancellationToken).ConfigureAwait(false)).EnsureSuccessStatusCode();
        var usageSeconds = usageStart.Elapsed.TotalSeconds;

        var warmUp = claims / 5;
        var total = queued + claims + warmUp;
        var fill = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (var i = s; i < total; i += 8) await SubmitAsync(users[i % users.Count], cancellationToken).ConfigureAwait(false);
        }, cancellationToken))).ConfigureAwait(false);
        Console.WriteLine($"qonduit bench claims{(plain ? " --plain" : "")}: {total} tasks of {users.Count} users queued in {fill.Elapsed.TotalSeconds:F1} s " +
            $"({(plain ? "no consumer tree" : "10 leaf consumers, 2 accounts owning 4 of 8 lanes")}; usage set up in {usageSeconds:F1} s), " +
            $"{Agents} agents, SQLite (WAL), {Environment.ProcessorCount} cores, load average {BenchResults.LoadAverage()}");

        await ClaimLoopAsync(agents, warmUp, cancellationToken).ConfigureAwait(false);
        if (breakdown) await ClaimBreakdown.PrintAsync(app, Device, cancellationToken).ConfigureAwait(false);
        var run = await ClaimLoopAsync(agents, claims, cancellationToken).ConfigureAwait(false);
        var left = store.Statistics().QueueDepthByDevice.GetValueOrDefault(Device);
        agents.ForEach(a => a.Http.Dispose());
        users.ForEach(u => u.Dispose());

        var latencies = run.Latencies;
        var (p50, p99, max) = (BenchResults.Percentile(latencies, 0.50), BenchResults.Percentile(latencies, 0.99), latencies.Max());
        var met = p99 <= BoundP99Ms;
        Console.WriteLine($"  claim → answer, {Agents} agents, {latencies.Count} claims ({run.Empty} found nothing, {run.Refused} completions refused), {left} still queued");
        Console.WriteLine($"    p50 {p50:F2} ms  p99 {p99:F2} ms  max {max:F1} ms   bound p99 ≤ {BoundP99Ms} ms  {(met ? "met" : "MISSED")}   " +
            $"({run.CpuMsPerClaim:F2} ms CPU per claim + completion, {run.Elapsed.TotalSeconds:F1} s)");
        var figures = new JsonObject
        {
            ["plain"] = plain,
            ["leafConsumers"] = plain ? 1 : Users.Length,
            ["agents"] = Agents,
            ["queuedAtEnd"] = left,
            ["claims"] = latencies.Count,
            ["emptyClaims"] = run.Empty,
            ["refusedCompletions"] = run.Refused,
            ["p50Ms"] = Math.Round(p50, 3),
            ["p99Ms"] = Math.Round(p99, 3),
            ["maxMs"] = Math.Round(max, 2),
            ["cpuMsPerClaimAndCompletion"] = Math.Round(run.CpuMsPerClaim, 3),
            ["boundP99Ms"] = BoundP99Ms,
            ["met"] = met,
            ["loadAverage"] = BenchResults.LoadAverage(),
        };
        Console.WriteLine($"appended to {BenchResults.Append("claims", figures)}");
    }

    private sealed record ClaimRun(List<double> Latencies, int Empty, int Refused, TimeSpan Elapsed, double CpuMsPerClaim);

    /// <summary>The agents claim and complete until <paramref name="claims"/> claims have been made; every claim is timed.</summary>
    private static async Task<ClaimRun> ClaimLoopAsync(List<(string Id, HttpClient Http)> agents, int claims, CancellationToken cancellationToken)
    {
        var made = 0;
        var empty = 0;
        var refused = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var perAgent = await Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            var mine = new List<double>();
            while (Interlocked.Increment(ref made) <= claims)
            {
                var (id, ms) = await ClaimAsync(agent, cancellationToken).ConfigureAwait(false);
                mine.Add(ms);
                if (id is not { } task)
                {
                    Interlocked.Increment(ref empty);
                    continue;
                }
                if (!await CompleteAsync(agent, task, cancellationToken).ConfigureAwait(false)) Interlocked.Increment(ref refused);
            }
            return mine;
        }, cancellationToken))).ConfigureAwait(false);
        var all = perAgent.SelectMany(l => l).ToList();
        return new ClaimRun(all, empty, refused, clock.Elapsed, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / Math.Max(1, all.Count));
    }

    /// <summary>One claim without a long poll: the task claimed (null: nothing the agent may run now) and the time to its answer.</summary>
    private static async Task<(Guid? Id, double Ms)> ClaimAsync((string Id, HttpClient Http) agent, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var claim = await agent.Http.PostAsJsonAsync("/v1/agent/claim", new { agentId = agent.Id, capacity = 1, devices = new[] { Device }, waitMs = 0 }, cancellationToken)
            .ConfigureAwait(false);
        if (claim.StatusCode == HttpStatusCode.NoContent) return (null, clock.Elapsed.TotalMilliseconds);
        if (claim.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"claim answered {(int)claim.StatusCode}: {await claim.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        var id = (await claim.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("task").GetProperty("id").GetGuid();
        return (id, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Reports the task completed; false when the server refused it (reclaim requeued it meanwhile).</summary>
    private static async Task<bool> CompleteAsync((string Id, HttpClient Http) agent, Guid task, CancellationToken cancellationToken)
    {
        using var report = await agent.Http.PostAsJsonAsync($"/v1/tasks/{task}/completed", new ReportCompletedRequest(agent.Id, MinimalRunResult.For(task, Device)), cancellationToken)
            .ConfigureAwait(false);
        return report.IsSuccessStatusCode;
    }

    private static async Task SubmitAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/tasks", new { device = Device, circuit = BenchServer.TwoQubits, shots = 100 }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
    }
}
