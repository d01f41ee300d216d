using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Events;
using Qonduit.Server.Storage;
using Qonduit.Server.Tasks;
using Qonduit.Storage.Sqlite;

namespace Qonduit.IntegrationTests.Server;

public sealed class ServeDurabilityTests
{
    private const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";

    // This test is its own agent; an embedded one would compete for the claims.
    private static readonly string[] NoEmbeddedAgent = ["--no-seed", "--embedded-agent", "0"];

    [Fact]
    public async Task Kill_9_during_a_submission_load_loses_no_acknowledged_task_and_no_task_ends_twice()
    {
        var directory = Directory.CreateTempSubdirectory("qonduit-kill9-");
        var database = Path.Combine(directory.FullName, "q.db");
        var acknowledged = new ConcurrentBag<Guid>();
        string key;
        await using (var server = await ServeProcess.StartAsync(database, NoEmbeddedAgent))
        {
            key = (await File.ReadAllTextAsync(Path.Combine(directory.FullName, "admin.key"))).Trim();
            using var admin = server.Client(key);
            var put = await admin.PutAsJsonAsync("/v1/devices/line5", new { generator = new { family = "line", qubits = 5, seed = 1 } });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);

            using var stop = new CancellationTokenSource();
            var submitters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                using var http = server.Client(key);
                while (!stop.IsCancellationRequested)
                {
                    var response = await http.PostAsJsonAsync("/v1/tasks", new { device = "line5", circuit = Circuit, shots = 10 }, stop.Token);
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                }
            })).ToList();
            var agent = Task.Run(async () =>
            {
                using var http = server.Client((await CreateAgentKeyAsync(database)).Trim());
                while (!stop.IsCancellationRequested)
                {
                    var claim = await http.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1", waitMs = 100 }, stop.Token);
                    if (claim.StatusCode != HttpStatusCode.OK) continue;
                    var id = (await claim.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
                    await http.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", result = new { counts = new { } } }, stop.Token);
                }
            });
            while (acknowledged.Count < 200) await Task.Delay(10);
            server.Kill();
            await stop.CancelAsync();
            foreach (var load in submitters.Append(agent))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => load);
            }
        }

        await using (var restarted = await ServeProcess.StartAsync(database, NoEmbeddedAgent))
        {
            using var admin = restarted.Client(key);
            foreach (var id in acknowledged)
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/v1/tasks/{id}")).StatusCode);
        }

        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(database));
        var events = store.ReadEvents(0, EventFilter.All, 1_000_000);
        var terminal = events.Where(e => e.Type is EventTypes.TaskCompleted or EventTypes.TaskFailed or EventTypes.TaskCancelled or EventTypes.TaskForceFailed)
            .GroupBy(e => e.TaskId).ToList();
        Assert.All(terminal, g => Assert.Single(g));
        Assert.NotEmpty(terminal);
        foreach (var task in store.ListTasks(new TaskQuery(Limit: 1_000_000)))
            Assert.Equal(task.IsTerminal, terminal.Any(g => g.Key == task.Id));
        Assert.Subset(store.ListTasks(new TaskQuery(Limit: 1_000_000)).Select(t => t.Id).ToHashSet(), acknowledged.ToHashSet());
        directory.Delete(recursive: true);
    }

    private static async Task<string> CreateAgentKeyAsync(string database)
    {
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(database));
        var (_, secret) = await Qonduit.Server.Auth.ApiKeys.CreateAsync(store, "agent", Qonduit.Server.Auth.ApiKeyRole.Agent, DateTimeOffset.UtcNow);
        return secret;
    }
}
