using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using System.Runtime;
using Qonduit.Contracts;
using Qonduit.Contracts.Agents;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qonduit.Agent.Hosting;
using Qonduit.Cli.Runner;
using Qonduit.Server;
using Qonduit.Server.Auth;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench server`: the control plane's own costs on a real server (SQLite in a temp directory, HTTP on
/// loopback, client and server in this process): admission latency, submit → completed through the embedded agent,
/// control-plane throughput with protocol-only agents, and SSE fan-out memory.
/// </summary>
public static class ServerBenchmark
{

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "a small run (seconds), for a smoke check" };
        var only = new Option<string[]>("--only") { Description = "run only these parts (admission, e2e, throughput, fanout); all by default", AllowMultipleArgumentsPerToken = true };
        only.AcceptOnlyFromAmong(Parts);
        var command = new Command("server", "control plane: admission latency, submit → completed, tasks/s, SSE fan-out") { quick, only };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var parts = parse.GetValue(only) is { Length: > 0 } chosen ? chosen : Parts;
            await RunAsync(parse.GetValue(quick), parts, cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static readonly string[] Parts = ["admission", "e2e", "throughput", "fanout"];

    private static async Task RunAsync(bool quick, string[] parts, CancellationToken cancellationToken)
    {
        await using var server = await BenchServer.StartAsync("server", cancellationToken).ConfigureAwait(false);
        var (app, directory, url) = (server.App, server.Directory, server.Url);
        var adminKey = server.AdminKey;
        using var admin = BenchServer.Client(url, adminKey);
        foreach (var device in (string[])["bench-admit", "bench-e2e", "bench-tput", "bench-sse"])
            (await admin.PutAsJsonAsync($"/v1/devices/{device}", new { generator = new { family = "line", qubits = 2, seed = 1 } }, cancellationToken).ConfigureAwait(false))
                .EnsureSuccessStatusCode();
        // Every request below is made with the admin key, which the per-user-key rate limit exempts.
        Console.WriteLine($"qonduit bench server{(quick ? " --quick" : "")}: SQLite (WAL) in {directory.FullName}, HTTP on {url}, {Environment.ProcessorCount} cores, " +
            "admin key (not rate-limited)");

        var figures = new JsonObject { ["quick"] = quick, ["rateLimit"] = "exempt (admin key)" };
        if (parts.Length < Parts.Length) figures["only"] = new JsonArray([.. parts.Select(p => JsonValue.Create(p))]);
        if (parts.Contains("admission")) await AdmissionAsync(url, adminKey, quick ? 200 : 2000, quick ? 10 : 63, figures, cancellationToken).ConfigureAwait(false);
        if (parts.Contains("e2e"))
        {
            await EndToEndAsync(app, admin, directory.FullName, EmbeddedAgentMode.InProcess, quick ? 20 : 100, figures, cancellationToken).ConfigureAwait(false);
            await EndToEndAsync(app, admin, directory.FullName, EmbeddedAgentMode.Process, quick ? 3 : 10, figures, cancellationToken).ConfigureAwait(false);
        }
        if (parts.Contains("throughput")) await ThroughputAsync(app, url, admin, quick ? 400 : 4000, figures, cancellationToken).ConfigureAwait(false);
        if (parts.Contains("fanout")) await FanOutAsync(app, url, adminKey, admin, quick ? 100 : 500, figures, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"appended to {BenchResults.Append("server", figures)}");
    }

    private static async Task AdmissionAsync(Uri url, string key, int sequential, int perClient, JsonObject figures, CancellationToken cancellationToken)
    {
        using var http = BenchServer.Client(url, key);
        // Warm-up long enough for tiered JIT to have promoted the hot path, so the tail measured is the server's, not the JIT's.
        for (var i = 0; i < 50 + sequential / 4; i++) await SubmitAsync(http, "bench-admit", cancellationToken).ConfigureAwait(false);
        var alone = new List<double>(sequential);
        var cpu = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < sequential; i++) alone.Add(await SubmitAsync(http, "bench-admit", cancellationToken).ConfigureAwait(false));
        var cpuPerSubmit = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds / sequential;
        var (p50, p99) = (BenchResults.Percentile(alone, 0.50), BenchResults.Percentile(alone, 0.99));
        Report($"admission, sequential ({sequential})", $"p50 {p50:F2} ms  p99 {p99:F2} ms ({cpuPerSubmit:F2} ms CPU each)", "p99 ≤ 5 ms", p99 <= 5);
        figures["admissionCpuMs"] = Math.Round(cpuPerSubmit, 3);
        figures["admissionSequentialP50Ms"] = Math.Round(p50, 3);
        figures["admissionSequentialP99Ms"] = Math.Round(p99, 3);

        var clients = Enumerable.Range(0, 32).Select(_ => BenchServer.Client(url, key)).ToList();
        var together = await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            var mine = new List<double>(perClient);
            for (var i = 0; i < perClient; i++) mine.Add(await SubmitAsync(c, "bench-admit", cancellationToken).ConfigureAwait(false));
            return mine;
        }, cancellationToken))).ConfigureAwait(false);
        clients.ForEach(c => c.Dispose());
        var all = together.SelectMany(l => l).ToList();
        (p50, p99) = (BenchResults.Percentile(all, 0.50), BenchResults.Percentile(all, 0.99));
        Report($"admission, 32 concurrent clients ({all.Count})", $"p50 {p50:F2} ms  p99 {p99:F2} ms", "(no target)", null);
        figures["admissionConcurrent32P50Ms"] = Math.Round(p50, 3);
        figures["admissionConcurrent32P99Ms"] = Math.Round(p99, 3);
    }

    /// <summary>
    /// Submit → COMPLETED through the embedded agent: claim, run directory, the hermetic runner (on the agent's thread, or
    /// as a `qonduit runner` process), report. The in-process default is measured against the target.
    /// </summary>
    private static async Task EndToEndAsync(
        WebApplication app, HttpClient admin, string dataDirectory, EmbeddedAgentMode mode, int tasks, JsonObject figures, CancellationToken cancellationToken)
    {
        var options = new EmbeddedAgentOptions
        {
            Slots = 2, DataDirectory = dataDirectory, RunnerCommand = RunnerCommands.CurrentCommand(), AgentId = "bench-embedded", Devices = ["bench-e2e"], Mode = mode,
            ApiKey = (services, token) => LocalAgentKey.ProvisionAsync(services.GetRequiredService<IControlPlaneStore>(), Path.Combine(dataDirectory, "agent.key"), "bench-embedded", token),
        };
        var key = await options.ApiKey(app.Services, cancellationToken).ConfigureAwait(false);
        await using var agent = EmbeddedAgent.Start(EmbeddedAgent.LoopbackUrl(app.Services.GetRequiredService<IServer>()), key, options, app.Services.GetRequiredService<ILoggerFactory>());
        for (var i = 0; i < 2; i++) await RoundTripAsync(admin, cancellationToken).ConfigureAwait(false);
        var trips = new List<RoundTrip>(tasks);
        for (var i = 0; i < tasks; i++) trips.Add(await RoundTripAsync(admin, cancellationToken).ConfigureAwait(false));
        var latencies = trips.Select(t => t.TotalMs).ToList();
        var p50 = BenchResults.Percentile(latencies, 0.50);
        var inProcess = mode == EmbeddedAgentMode.InProcess;
        Report($"submit → completed, 2 qubits, embedded {(inProcess ? "in-process" : "process")} ({tasks})", $"p50 {p50:F1} ms  max {latencies.Max():F1} ms",
            inProcess ? "p50 ≤ 25 ms" : "(no target)", inProcess ? p50 <= 25 : null);
        double Median(Func<RoundTrip, double> phase) => BenchResults.Percentile([.. trips.Select(phase)], 0.50);
        Console.WriteLine($"    medians: submit→claimed {Median(t => t.QueuedMs):F1} ms, claimed→running {Median(t => t.ClaimedMs):F1} ms, " +
            $"running→completed {Median(t => t.RunningMs):F1} ms (runner {Median(t => t.RunnerMs):F1} ms), completed→seen by the client {Median(t => t.SeenMs):F1} ms");
        var name = inProcess ? "submitToCompleted" : "submitToCompletedProcess";
        figures[$"{name}P50Ms"] = Math.Round(p50, 2);
        figures[$"{name}MaxMs"] = Math.Round(latencies.Max(), 2);
    }

    /// <summary>One submit → completed, split by the task's own timestamps (server clock = client clock: one process).</summary>
    private sealed record RoundTrip(double TotalMs, double QueuedMs, double ClaimedMs, double RunningMs, double RunnerMs, double SeenMs);

    private static async Task<RoundTrip> RoundTripAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var id = await SubmitIdAsync(http, "bench-e2e", cancellationToken).ConfigureAwait(false);
        HttpResponseMessage result;
        while ((result = await http.GetAsync($"/v1/tasks/{id}/result", cancellationToken).ConfigureAwait(false)).StatusCode != HttpStatusCode.OK)
        {
            result.Dispose();
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        var total = clock.Elapsed.TotalMilliseconds;
        var seen = DateTimeOffset.UtcNow;
        using (result)
        {
            var answer = await result.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
            var task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}", cancellationToken).ConfigureAwait(false);
            DateTimeOffset At(string name) => task.GetProperty(name).GetDateTimeOffset();
            var runner = answer.GetProperty("result").GetProperty("timings").GetProperty("totalMs").GetDouble();
            return new RoundTrip(total, (At("claimedAt") - At("createdAt")).TotalMilliseconds, (At("submittedAt") - At("claimedAt")).TotalMilliseconds,
                (At("finishedAt") - At("submittedAt")).TotalMilliseconds, runner, (seen - At("finishedAt")).TotalMilliseconds);
        }
    }

    /// <summary>
    /// 4 agents × 4 slots that claim and complete through the protocol without simulating: the control plane's ceiling,
    /// measured three ways: one claim and one report per task (each slot on its own); each agent claiming for all its free
    /// slots at once (`max`) and sending its reports together (`/v1/agent/reports`); and as the agent does it, its
    /// reports claiming the next tasks in the same call (`claimMax`). The bounds are the last's.
    /// Warm-up rounds (a tenth of the tasks each, not timed) repeat until rounds leave the JIT nearly nothing to compile,
    /// so the figure is the server's steady state, not tiered compilation's.
    /// </summary>
    private static async Task ThroughputAsync(WebApplication app, Uri url, HttpClient admin, int tasks, JsonObject figures, CancellationToken cancellationToken)
    {
        var store = app.Services.GetRequiredService<IControlPlaneStore>();
        var agents = new List<(string Id, HttpClient Http)>();
        for (var a = 0; a < 4; a++)
        {
            var (_, secret) = await ApiKeys.CreateAsync(store, $"bench-agent-{a}", ApiKeyRole.Agent, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            agents.Add(($"bench-agent-{a}", BenchServer.Client(url, secret)));
        }
        foreach (var protocol in Enum.GetValues<AgentProtocol>())
        {
            // Tiered compilation promotes a method a while after it got hot: one quiet round can come before the promotions
            // of the last, so it takes two in a row (and three rounds at least).
            var (rounds, quiet) = (0, 0);
            for (; (quiet < 2 || rounds < 3) && rounds < 30; rounds++)
            {
                var before = JitInfo.GetCompiledMethodCount();
                await ClaimAndCompleteAsync(admin, agents, tasks / 10, protocol, cancellationToken).ConfigureAwait(false);
                quiet = JitInfo.GetCompiledMethodCount() - before <= WarmJitMethods ? quiet + 1 : 0;
            }
            var run = await ClaimAndCompleteAsync(admin, agents, tasks, protocol, cancellationToken).ConfigureAwait(false);
            var perSecond = tasks / run.Elapsed.TotalSeconds;
            // CPU time of this process (agents' HTTP clients included) per task: what the figure costs, whatever else runs on the machine.
            var cpuPerTask = run.Cpu.TotalMilliseconds / tasks;
            var kbPerTask = run.AllocatedBytes / 1024.0 / tasks;
            var name = protocol == AgentProtocol.OneCallEach ? "" : protocol.ToString();
            var targeted = protocol == AgentProtocol.ClaimWithReports;
            Report($"claim + complete, 4 agents × 4 slots, {Describe(protocol)} ({tasks} tasks)",
                $"{perSecond:F0} tasks/s, {cpuPerTask:F3} ms CPU and {kbPerTask:F1} KB allocated per task, {run.HttpCalls / (double)tasks:F2} calls per task ({rounds} warm-up rounds)",
                targeted ? $"≥ {TargetTasksPerSecond:N0} tasks/s at ≤ {TargetCpuMsPerTask} ms CPU" : "≥ 1,000 tasks/s",
                targeted ? perSecond >= TargetTasksPerSecond && cpuPerTask <= TargetCpuMsPerTask : perSecond >= 1000);
            figures[$"tasksPerSecond4x4{name}"] = Math.Round(perSecond, 1);
            figures[$"cpuMsPerTask4x4{name}"] = Math.Round(cpuPerTask, 3);
            figures[$"allocatedKbPerTask4x4{name}"] = Math.Round(kbPerTask, 2);
            figures[$"callsPerTask4x4{name}"] = Math.Round(run.HttpCalls / (double)tasks, 3);
        }
        agents.ForEach(a => a.Http.Dispose());
    }

    /// <summary>How the bench's agents use the protocol.</summary>
    private enum AgentProtocol
    {
        /// <summary>Each slot claims one task and reports it (`/v1/agent/claim`, `/v1/tasks/{id}/completed`).</summary>
        OneCallEach,

        /// <summary>Each agent claims for its free slots (`max`) and reports what it got in one `/v1/agent/reports`.</summary>
        Batched,

        /// <summary>As batched, and each batch of reports claims the next tasks (`claimMax`): one call per batch.</summary>
        ClaimWithReports,
    }

    private static string Describe(AgentProtocol protocol) => protocol switch
    {
        AgentProtocol.OneCallEach => "one call each",
        AgentProtocol.Batched => "batched claims and reports",
        _ => "reports that claim",
    };

    /// <summary>The issue's bounds, for agents that report and claim in one call, on this 2-core machine.</summary>
    private const double TargetTasksPerSecond = 5000, TargetCpuMsPerTask = 0.3;

    /// <summary>A warm-up round that compiles no more methods than this leaves the timed run in steady state.</summary>
    private const int WarmJitMethods = 20;

    private sealed record ThroughputRun(TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, int HttpCalls);

    /// <summary>Queues <paramref name="tasks"/> tasks, then times every agent claiming and completing them.</summary>
    private static async Task<ThroughputRun> ClaimAndCompleteAsync(
        HttpClient admin, List<(string Id, HttpClient Http)> agents, int tasks, AgentProtocol protocol, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(s => Task.Run(async () =>
        {
            for (var i = s; i < tasks; i += 8) await SubmitAsync(admin, "bench-tput", cancellationToken).ConfigureAwait(false);
        }, cancellationToken))).ConfigureAwait(false);
        var completed = 0;
        var calls = 0;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var loops = protocol == AgentProtocol.OneCallEach
            ? agents.SelectMany(agent => Enumerable.Range(0, 4).Select(_ => Task.Run(() => AgentLoopAsync(agent.Id, agent.Http, slots: 1), cancellationToken)))
            : agents.Select(agent => Task.Run(() => AgentLoopAsync(agent.Id, agent.Http, slots: 4), cancellationToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
        return new ThroughputRun(clock.Elapsed, Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, calls);

        // Claims for its slots, completes what it got: one call each, or one call for all (reports that claim again, too).
        async Task AgentLoopAsync(string agentId, HttpClient http, int slots)
        {
            List<Guid> held = [];
            while (Volatile.Read(ref completed) < tasks)
            {
                if (held.Count == 0)
                {
                    Interlocked.Increment(ref calls);
                    using var claim = await http.PostAsJsonAsync("/v1/agent/claim",
                        new ClaimRequest(agentId, slots, ["bench-tput"], 50, Max: slots > 1 ? slots : null), WireJson.Default.ClaimRequest, cancellationToken).ConfigureAwait(false);
                    if (claim.StatusCode != HttpStatusCode.OK) continue;
                    held = Ids((await claim.Content.ReadFromJsonAsync(WireJson.Default.ClaimResponse, cancellationToken).ConfigureAwait(false))!);
                }
                Interlocked.Increment(ref calls);
                if (protocol == AgentProtocol.OneCallEach)
                {
                    using var report = await http.PostAsJsonAsync($"/v1/tasks/{held[0]}/completed", new ReportCompletedRequest(agentId, MinimalRunResult.For(held[0], "bench-tput")),
                        WireJson.Default.ReportCompletedRequest, cancellationToken).ConfigureAwait(false);
                    report.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref completed);
                    held = [];
                    continue;
                }
                var reports = held.Select(id => new TaskReport(id, TaskReport.Completed, Result: MinimalRunResult.For(id, "bench-tput"))).ToList();
                var request = new ReportsRequest(agentId, reports, ClaimMax: protocol == AgentProtocol.ClaimWithReports ? slots : null, Devices: ["bench-tput"]);
                using var response = await http.PostAsJsonAsync("/v1/agent/reports", request, WireJson.Default.ReportsRequest, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var answer = (await response.Content.ReadFromJsonAsync(WireJson.Default.ReportsResponse, cancellationToken).ConfigureAwait(false))!;
                if (answer.Outcomes.FirstOrDefault(o => o.Status != 200) is { } refused)
                    throw new InvalidOperationException($"the completion of {refused.TaskId} was refused: {refused.Status} {refused.Code} {refused.Detail}");
                Interlocked.Add(ref completed, held.Count);
                held = answer.Claimed is { } next ? Ids(next) : [];
            }
        }

        static List<Guid> Ids(ClaimResponse claim) => [.. claim.All.Select(c => c.Task.Id)];
    }

    /// <summary>
    /// Memory of the process (server and subscribers both) before and after subscribers connect, and the time for one
    /// event to reach all. Probe submissions repeat until every subscriber has seen one (a stream connected after an
    /// event never sees it); then one task submitted under another key is timed until the last subscriber reads it.
    /// </summary>
    private static async Task FanOutAsync(WebApplication app, Uri url, string key, HttpClient admin, int subscribers, JsonObject figures, CancellationToken cancellationToken)
    {
        const string timedTenant = "bench-sse-timed";
        var (_, timedKey) = await ApiKeys.CreateAsync(app.Services.GetRequiredService<IControlPlaneStore>(), timedTenant, ApiKeyRole.User, DateTimeOffset.UtcNow, cancellationToken)
            .ConfigureAwait(false);
        using var timedClient = BenchServer.Client(url, timedKey);
        var before = Memory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var http = BenchServer.Client(url, key);
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var connected = new CountdownEvent(subscribers);
        using var received = new CountdownEvent(subscribers);
        var streams = Enumerable.Range(0, subscribers).Select(_ => Task.Run(async () =>
        {
            using var response = await http.GetAsync("/v1/events?device=bench-sse", HttpCompletionOption.ResponseHeadersRead, stop.Token).ConfigureAwait(false);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false));
            var probed = false;
            while (await reader.ReadLineAsync(stop.Token).ConfigureAwait(false) is { } line)
            {
                if (!line.StartsWith("data:", StringComparison.Ordinal) || !line.Contains(EventTypes.TaskQueued, StringComparison.Ordinal)) continue;
                if (line.Contains(timedTenant, StringComparison.Ordinal))
                {
                    received.Signal();
                    break;
                }
                if (!probed) connected.Signal();
                probed = true;
            }
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
        }, stop.Token)).ToList();
        var patience = Stopwatch.StartNew();
        while (!connected.IsSet)
        {
            if (patience.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"only {subscribers - connected.CurrentCount} of {subscribers} subscribers connected");
            await SubmitAsync(admin, "bench-sse", cancellationToken).ConfigureAwait(false);
            await Task.Run(() => connected.Wait(TimeSpan.FromSeconds(1), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        var after = Memory();
        var clock = Stopwatch.StartNew();
        await SubmitAsync(timedClient, "bench-sse", cancellationToken).ConfigureAwait(false);
        if (!await Task.Run(() => received.Wait(TimeSpan.FromSeconds(60), cancellationToken), cancellationToken).ConfigureAwait(false))
            throw new TimeoutException($"the timed event reached only {subscribers - received.CurrentCount} of {subscribers} subscribers");
        var fanOut = clock.Elapsed.TotalMilliseconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        var perSubscriberKb = (after.Managed - before.Managed) / 1024.0 / subscribers;
        Report($"SSE fan-out to {subscribers} subscribers",
            $"managed {before.Managed / 1048576.0:F1} → {after.Managed / 1048576.0:F1} MB ({perSubscriberKb:F1} KB each), working set {before.WorkingSet / 1048576.0:F0} → {after.WorkingSet / 1048576.0:F0} MB, submit → all received {fanOut:F1} ms",
            "(no target)", null);
        figures["sseSubscribers"] = subscribers;
        figures["sseManagedBeforeMb"] = Math.Round(before.Managed / 1048576.0, 2);
        figures["sseManagedAfterMb"] = Math.Round(after.Managed / 1048576.0, 2);
        figures["sseWorkingSetBeforeMb"] = Math.Round(before.WorkingSet / 1048576.0, 1);
        figures["sseWorkingSetAfterMb"] = Math.Round(after.WorkingSet / 1048576.0, 1);
        figures["sseFanOutMs"] = Math.Round(fanOut, 2);
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64);
    }

    private static async Task<double> SubmitAsync(HttpClient http, string device, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await SubmitIdAsync(http, device, cancellationToken).ConfigureAwait(false);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<Guid> SubmitIdAsync(HttpClient http, string device, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/tasks", new { device, circuit = BenchServer.TwoQubits, shots = 100 }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"submit to {device} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetGuid();
    }

    private static void Report(string what, string figure, string target, bool? met) =>
        Console.WriteLine($"  {what,-52} {figure}   target {target}{met switch { true => "  met", false => "  MISSED", null => "" }}");
}
