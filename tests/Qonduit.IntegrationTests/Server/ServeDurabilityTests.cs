using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Auth;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// kill -9 campaigns (issue "Hostile input and faults"): at least 2,000 submissions acknowledged while a process dies —
/// the server (with and without its embedded agent) or a remote agent with running tasks (restarted, or never back).
/// Afterwards no acknowledged task is lost, no task ends twice, and two grace periods after the kill no task is
/// running for an owner incarnation that is gone (docs/architecture.md, "Losing the owner").
/// </summary>
public sealed class ServeDurabilityTests : IDisposable
{
    private const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";
    private const int Acknowledged = 2_000;

    // Short, so the campaign sees the stale-owner rule act within the test's time; the rule is the same at 60 s.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-kill9-");
    private readonly ConcurrentBag<Guid> _acknowledged = [];

    private string Database => Path.Combine(_directory.FullName, "q.db");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Kill_9_of_serve_under_load_loses_no_acknowledged_task_ends_none_twice_and_leaves_no_orphan(int embeddedSlots)
    {
        string[] options = ["--embedded-agent", embeddedSlots.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", Config()];
        string key;
        DateTime killed;
        await using (var server = await ServeProcess.StartAsync(Database, options))
        {
            key = AdminKey();
            using var stop = new CancellationTokenSource();
            var load = Submitters(server, key, stop.Token);
            // Without the embedded agent, this test is the agent: a protocol-only one that dies with the server's clients.
            if (embeddedSlots == 0) load.Add(ProtocolAgentAsync(server, await server.CreateKeyAsync("agent", ApiKeyRole.Agent), stop.Token));
            await Until.TrueAsync(() => Task.FromResult(_acknowledged.Count >= Acknowledged && Running().Count > 0), "acknowledged submissions and a running task", TimeSpan.FromSeconds(40));
            server.Kill();
            killed = DateTime.UtcNow;
            await stop.CancelAsync();
            await Task.WhenAll(load.Select(l => l.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        await using (var restarted = await ServeProcess.StartAsync(Database, options))
        {
            using var admin = restarted.Client(key);
            foreach (var id in _acknowledged.Take(200)) Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/tasks/{id}")).StatusCode);
            await AssertNoOrphanAsync(killed);
            Assert.Equal(0, await restarted.StopAsync());
        }
        AssertEveryAcknowledgedTaskKeptAndNoneEndedTwice();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kill_9_of_an_agent_with_running_tasks_leaves_no_orphan_whether_or_not_it_comes_back(bool restart)
    {
        await using (var server = await ServeProcess.StartAsync(Database, "--embedded-agent", "0", "--config", Config()))
        {
            await KillAnAgentAsync(server, restart);
            Assert.Equal(0, await server.StopAsync());
        }
        AssertEveryAcknowledgedTaskKeptAndNoneEndedTwice();
    }

    private async Task KillAnAgentAsync(ServeProcess server, bool restart)
    {
        var key = AdminKey();
        var agentConfig = await AgentConfigAsync(server);
        using var stop = new CancellationTokenSource();
        var load = Submitters(server, key, stop.Token);
        var agent = StartAgent(agentConfig);
        Process? again = null;
        try
        {
            await Until.TrueAsync(() => Task.FromResult(_acknowledged.Count >= Acknowledged && Running().Count > 0), "acknowledged submissions and a running task", TimeSpan.FromSeconds(40));
            await stop.CancelAsync();
            await Task.WhenAll(load);
            // The agent alone, as a crash takes it: its runner processes are left to finish or die on their own.
            agent.Kill(entireProcessTree: false);
            await agent.WaitForExitAsync();
            var killed = DateTime.UtcNow;
            // Read once it is dead: a task it completed in its last moment is not lost.
            var lost = Running().Select(t => t.Id).ToList();
            Assert.NotEmpty(lost);
            if (restart) again = StartAgent(agentConfig);

            await AssertNoOrphanAsync(killed);
            if (!restart)
            {
                using var store = Store();
                Assert.All(lost, id => Assert.True(store.GetTask(id)!.State == TaskState.Queued && store.GetTask(id)!.Attempt == 2, $"task {id} was not requeued"));
            }
        }
        finally
        {
            foreach (var process in new[] { agent, again }.OfType<Process>())
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.Dispose();
            }
        }
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>
    /// Two grace periods after the kill (and once the restarted server is up), every running task is owned by the
    /// incarnation its owner now heartbeats with: none waits for a process that is gone.
    /// </summary>
    private async Task AssertNoOrphanAsync(DateTime killed)
    {
        var due = killed + StaleAfter + 2 * Grace;
        await Until.TrueAsync(() => Task.FromResult(DateTime.UtcNow >= due && Orphans().Count == 0),
            "no running task of a gone owner incarnation", due - DateTime.UtcNow + TimeSpan.FromSeconds(5));
    }

    private List<TaskRecord> Orphans()
    {
        using var store = Store();
        var live = store.ListAgents().Where(a => DateTimeOffset.UtcNow - a.LastHeartbeat <= StaleAfter + Grace)
            .ToDictionary(a => a.AgentId, a => a.Incarnation, StringComparer.Ordinal);
        return [.. store.ListTasks(new TaskQuery(State: TaskState.Running, Limit: 100_000))
            .Where(t => t.Owner is not { } owner || !live.TryGetValue(owner, out var incarnation) || incarnation != t.OwnerIncarnation)];
    }

    /// <summary>Read from the database once every process has stopped, so tasks and events are one consistent state.</summary>
    private void AssertEveryAcknowledgedTaskKeptAndNoneEndedTwice()
    {
        using var store = Store();
        var tasks = store.ListTasks(new TaskQuery(Limit: 1_000_000)).ToDictionary(t => t.Id);
        Assert.True(_acknowledged.Count >= Acknowledged);
        Assert.All(_acknowledged, id => Assert.True(tasks.ContainsKey(id), $"acknowledged task {id} is lost"));
        var ends = store.ReadEvents(0, EventFilter.All, 10_000_000)
            .Where(e => e.Type is EventTypes.TaskCompleted or EventTypes.TaskFailed or EventTypes.TaskCancelled or EventTypes.TaskForceFailed)
            .GroupBy(e => e.TaskId!.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(ends, end => Assert.Equal(1, end.Value));
        Assert.All(tasks.Values, t => Assert.True(t.IsTerminal == ends.ContainsKey(t.Id),
            $"task {t.Id} is {t.State} ({t.Error?.Code}) with {(ends.ContainsKey(t.Id) ? "a" : "no")} terminal event: " +
            string.Join(", ", store.ReadEvents(0, new EventFilter(TaskId: t.Id), 100).Select(e => e.Type))));
    }

    private List<Task> Submitters(ServeProcess server, string key, CancellationToken stop) => [.. Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
    {
        using var http = server.Client(key);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var response = await http.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez-ideal", circuit = Circuit, shots = 10 }, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                    _acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetGuid());
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The server died under the request: it was never acknowledged.
                return;
            }
        }
    }, CancellationToken.None))];

    /// <summary>Claims and completes as an agent process would, one incarnation for its life.</summary>
    private static Task ProtocolAgentAsync(ServeProcess server, string key, CancellationToken stop) => Task.Run(async () =>
    {
        using var http = server.Client(key);
        var incarnation = Guid.NewGuid().ToString("N");
        while (!stop.IsCancellationRequested)
        {
            var claim = await http.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1", incarnation, waitMs = 100 }, stop);
            if (claim.StatusCode != HttpStatusCode.OK) continue;
            var id = (await claim.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("task").GetProperty("id").GetGuid();
            // Every other task is left running, as a crash would leave it.
            if (id.GetHashCode() % 2 == 0)
                await http.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation, result = Samples.Result(new Dictionary<string, int>()) }, stop);
        }
    }, CancellationToken.None);

    private async Task<string> AgentConfigAsync(ServeProcess server)
    {
        var secret = Path.Combine(_directory.FullName, "agent.secret");
        await File.WriteAllTextAsync(secret, await server.CreateKeyAsync("agent", ApiKeyRole.Agent));
        var config = Path.Combine(_directory.FullName, "agent.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            server = server.Url.ToString(), apiKeyFile = secret, agentId = "remote", slots = 2,
            runRoot = Path.Combine(_directory.FullName, "runs"), scheduler = "local", claimWaitSeconds = 1, heartbeatSeconds = 1,
        }));
        return config;
    }

    private static Process StartAgent(string config) =>
        Process.Start(new ProcessStartInfo(ServeProcess.Launcher, ["agent", "--config", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;

    private string Config()
    {
        var path = Path.Combine(_directory.FullName, "serve.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Qonduit = new
            {
                AgentStaleAfter = StaleAfter.ToString("c"),
                StaleOwnerGrace = Grace.ToString("c"),
                StaleScanInterval = TimeSpan.FromMilliseconds(200).ToString("c"),
            },
        }));
        return path;
    }

    private string AdminKey() => File.ReadAllText(Path.Combine(_directory.FullName, "admin.key")).Trim();

    private List<TaskRecord> Running()
    {
        using var store = Store();
        return [.. store.ListTasks(new TaskQuery(State: TaskState.Running, Limit: 100_000))];
    }

    private SqliteControlPlaneStore Store() => new(new SqliteStoreOptions(Database));

}
