using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Contracts.Resources;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Routing on a pushed load index with real processes (docs/orchestration.md "Placement at claim"): `qonduit serve`
/// without its embedded agent, a remote agent serving the QPU ibm_fez and one declaring a simulator pool, and the test
/// as the reporter pushing `qpu_health` for ibm_fez. A requirement task goes to the QPU while the value is fresh, and to
/// the pool once it is stale and the fallback's delay has passed; a newer push brings new tasks back to the QPU.
/// </summary>
public sealed class RoutingTests
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nrz(pi/2) q[0]; sx q[0]; rz(pi/2) q[0];\n" +
                                "rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];\ncz q[0],q[1];\nrz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];\nmeasure q -> c;\n";

    private const string Qpu = "ibm_fez";

    // Three seconds keeps the test short; the issue's 30 s is the same parameter.
    private const string Requirement = "{select[kind=='qpu' && qpu_health>=0.9]} || {select[kind=='sim']}@3s";

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Tasks_go_to_the_qpu_while_its_health_is_fresh_fall_back_to_the_sim_pool_once_it_is_stale_and_return_on_a_newer_push()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-routing-").FullName;
        var database = Path.Combine(home, "q.db");
        await using var server = await ServeProcess.StartAsync(database, "--embedded-agent", "0");
        var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var url = server.Url.ToString();
        using var http = server.Client(admin);
        var circuit = Path.Combine(home, "bell.qasm");
        await File.WriteAllTextAsync(circuit, Bell);
        Ok(url, admin, "loadindex", "declare", "qpu_health", "--type", "numeric", "--interval", "5s", "--increasing", "no");

        using var qpuAgent = StartAgent(home, url, await server.CreateKeyAsync("qpu-host", Qonduit.Storage.ApiKeyRole.Agent), "qpu-host",
            new { devices = new[] { Qpu } });
        // The pool's agent claims for another QPU only, so the QPU's tasks can reach it only through the pool.
        using var simAgent = StartAgent(home, url, await server.CreateKeyAsync("sim-host", Qonduit.Storage.ApiKeyRole.Agent), "sim-host",
            new { devices = new[] { "ibm_brisbane" }, pools = new[] { new { name = "sim", kind = "sim", slots = 1 } } });
        try
        {
            await Until.TrueAsync(async () => (await http.GetAsync("/v1/resources/sim")).StatusCode == HttpStatusCode.OK, "the sim pool to be declared",
                TimeSpan.FromSeconds(20));

            // The reporter: a push every 2 s while the QPU is healthy.
            var seq = 0L;
            using var stopPushing = new CancellationTokenSource();
            var pusher = Task.Run(async () =>
            {
                while (!stopPushing.IsCancellationRequested)
                {
                    Ok(url, admin, "loadindex", "push", Qpu, "--seq", (seq + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "1 qpu_health 0.97");
                    seq++;
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(2), stopPushing.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // the reporter stops
                    }
                }
            });
            foreach (var pushes in (long[])[1, 3])
            {
                await Until.TrueAsync(() => Task.FromResult(Volatile.Read(ref seq) >= pushes), $"push {pushes}", TimeSpan.FromSeconds(10));
                var healthy = await ClaimedAsync(http, Submit(url, admin, circuit));
                Assert.Equal((Qpu, "qpu-host"), (Winner(healthy), healthy.GetProperty("owner").GetString()));
                await CompletedAsync(http, healthy);
            }

            // The reporter stops; its last value, taken by the server at t, stays fresh for two intervals, so a task
            // submitted at t+9 s still goes to the QPU. The server's own time of the sample is t: a client's clock would
            // miss the CLI's start-up, which a loaded machine stretches to seconds, and for the same reason this task is
            // submitted over HTTP rather than by a fresh CLI process.
            await stopPushing.CancelAsync();
            await pusher;
            var t = (await http.GetFromJsonAsync<ResourceView>($"/v1/resources/{Qpu}"))!.Indices["qpu_health"].At.UtcDateTime;
            var bell = await File.ReadAllTextAsync(circuit);
            if (t + TimeSpan.FromSeconds(9) - DateTime.UtcNow is { Ticks: > 0 } untilLate) await Task.Delay(untilLate);
            var submitted = await http.PostAsJsonAsync("/v1/tasks", new { device = Qpu, circuit = bell, shots = 100, requirement = Requirement, noise = "device" });
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            var late = await ClaimedAsync(http, (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
            Assert.Equal((Qpu, "qpu-host"), (Winner(late), late.GetProperty("owner").GetString()));
            Assert.True(late.GetProperty("claimedAt").GetDateTimeOffset().UtcDateTime < t + 2 * Interval, "claimed while the value was fresh");

            // Two intervals after the last push the value is stale, and the server says so.
            var stale = await StaleEventAsync(http, t + TimeSpan.FromSeconds(15));
            Assert.Equal((Qpu, "qpu_health"), (stale.GetProperty("resource").GetString(), stale.GetProperty("index").GetString()));
            await CompletedAsync(http, late);

            // Now the QPU's alternative selects nothing: the task waits out @3s and goes to the pool.
            var fallback = await ClaimedAsync(http, Submit(url, admin, circuit));
            Assert.True(Winner(fallback) == "sim" && fallback.GetProperty("owner").GetString() == "sim-host", $"not placed on the pool after staleness: {fallback}");
            Assert.True(fallback.GetProperty("claimedAt").GetDateTimeOffset() - fallback.GetProperty("createdAt").GetDateTimeOffset() >= TimeSpan.FromSeconds(3),
                "the pool took the task before its @3s delay");

            // The reporter is back with the next sequence: new tasks return to the QPU; a replayed sequence is refused.
            Ok(url, admin, "loadindex", "push", Qpu, "--seq", (seq + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "1 qpu_health 0.95");
            var back = await ClaimedAsync(http, Submit(url, admin, circuit));
            Assert.Equal((Qpu, "qpu-host"), (Winner(back), back.GetProperty("owner").GetString()));
            var replay = await http.PostAsJsonAsync($"/v1/resources/{Qpu}/indices", new PushLoadIndicesRequest(seq, ["1 qpu_health 0.99"]));
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            Assert.Equal("loadindex.stale-sequence", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        finally
        {
            qpuAgent.Kill(entireProcessTree: true);
            simAgent.Kill(entireProcessTree: true);
        }
    }

    /// <summary>
    /// A requirement without a device (docs/orchestration.md "Requirement at submission"): `qonduit submit --requirement`
    /// with no `--device` runs the logical circuit, untranspiled and noiseless, on the agent declaring the sim pool.
    /// </summary>
    [Fact]
    public async Task A_requirement_without_a_device_runs_an_ideal_simulation_of_the_logical_circuit_on_the_sim_pool()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-deviceless-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"), "--embedded-agent", "0");
        var admin = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var url = server.Url.ToString();
        using var http = server.Client(admin);
        var circuit = Path.Combine(home, "bell.qasm");
        // Logical: h and cx are native to no device here, and nothing maps them.
        await File.WriteAllTextAsync(circuit, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n");
        using var simAgent = StartAgent(home, url, await server.CreateKeyAsync("sim-host", Qonduit.Storage.ApiKeyRole.Agent), "sim-host",
            new { pools = new[] { new { name = "sim", kind = "sim", slots = 1 } } });
        try
        {
            await Until.TrueAsync(async () => (await http.GetAsync("/v1/resources/sim")).StatusCode == HttpStatusCode.OK, "the sim pool to be declared",
                TimeSpan.FromSeconds(20));

            var id = Ok(url, admin, "submit", circuit, "--requirement", "select[kind=='sim']", "--shots", "100", "--wait").Split('\n')[0].Trim();

            var task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");
            Assert.Equal(("completed", "ideal", "ideal", "sim"),
                (task.GetProperty("state").GetString(), task.GetProperty("device").GetString(), task.GetProperty("noise").GetString(), Winner(task)));
            var result = (await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}/result")).GetProperty("result");
            var counts = result.GetProperty("counts").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
            Assert.Subset(new HashSet<string> { "00", "11" }, counts.Keys.ToHashSet());
            Assert.Equal(100, counts.Values.Sum());
            Assert.False(result.GetProperty("noisy").GetBoolean());
            Assert.False(result.GetProperty("circuit").GetProperty("transpiled").GetBoolean());
            Assert.Contains("ideal", Ok(url, admin, "tasks", "list").Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal)));
        }
        finally
        {
            simAgent.Kill(entireProcessTree: true);
        }
    }

    private static string Submit(string url, string key, string circuit) =>
        Ok(url, key, "submit", circuit, "--device", Qpu, "--requirement", Requirement, "--noise", "device", "--shots", "100").Split('\n')[0].Trim();

    private static string? Winner(JsonElement task) => task.GetProperty("placement").GetProperty("winner").GetString();

    private static async Task<JsonElement> ClaimedAsync(HttpClient http, string id)
    {
        JsonElement task = default;
        await Until.TrueAsync(async () =>
        {
            task = await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");
            return task.TryGetProperty("placement", out var placement) && placement.ValueKind == JsonValueKind.Object;
        }, $"task {id} to be claimed", TimeSpan.FromSeconds(15));
        return task;
    }

    private static async Task CompletedAsync(HttpClient http, JsonElement task) =>
        await Until.TrueAsync(async () => (await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{task.GetProperty("id").GetString()}"))
            .GetProperty("state").GetString() == "completed", "the task to complete and free its lane", TimeSpan.FromSeconds(20));

    /// <summary>The first `loadindex.stale` event's data, replayed from the store; fails if none is there by <paramref name="deadline"/>.</summary>
    private static async Task<JsonElement> StaleEventAsync(HttpClient http, DateTime deadline)
    {
        using var bound = new CancellationTokenSource(deadline - DateTime.UtcNow);
        try
        {
            using var response = await http.GetAsync("/v1/events?type=loadindex.stale&lastEventId=0", HttpCompletionOption.ResponseHeadersRead, bound.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(bound.Token));
            while (await reader.ReadLineAsync(bound.Token) is { } line)
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var data = JsonDocument.Parse(line["data:".Length..]).RootElement;
                    return data.TryGetProperty("data", out var inner) ? inner : data;
                }
        }
        catch (OperationCanceledException)
        {
            // fails below
        }
        Assert.Fail("no loadindex.stale event was published within 11 s of the last push");
        return default;
    }

    private static Process StartAgent(string home, string url, string key, string agentId, object extra)
    {
        var secret = Path.Combine(home, agentId + ".secret");
        File.WriteAllText(secret, key);
        var settings = JsonSerializer.SerializeToElement(new
        {
            server = url, apiKeyFile = secret, agentId, slots = 1, runRoot = Path.Combine(home, agentId), scheduler = "local",
            claimWaitSeconds = 1, heartbeatSeconds = 1,
        }).EnumerateObject().Concat(JsonSerializer.SerializeToElement(extra).EnumerateObject())
            .ToDictionary(p => p.Name, p => p.Value);
        var config = Path.Combine(home, agentId + ".json");
        File.WriteAllText(config, JsonSerializer.Serialize(settings));
        return Process.Start(new ProcessStartInfo(ServeProcess.Launcher, ["agent", "--config", config]))!;
    }

    private static string Ok(string url, string key, params string[] arguments)
    {
        var start = new ProcessStartInfo(ServeProcess.Launcher, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["QONDUIT_URL"] = url;
        start.Environment["QONDUIT_API_KEY"] = key;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"qonduit {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr}");
        return stdout.Result;
    }
}
