using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Auth;
using Qonduit.Server.Events;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Agent ids bound to keys and tasks recovered from lost owners, seen through a real `qonduit serve` (issue "Hostile
/// input and faults", defects 4 and 5; docs/architecture.md "Task lifecycle").
/// </summary>
public sealed class AgentRecoveryTests : IDisposable
{
    private const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nsx q[0];\ncz q[0],q[1];\nmeasure q -> c;\n";

    private static readonly string[] NoEmbeddedAgent = ["--no-seed", "--embedded-agent", "0"];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-agents-");

    private string Database => Path.Combine(_directory.FullName, "q.db");

    [Fact]
    public async Task Another_key_completing_under_an_agents_id_is_refused_403_and_the_task_keeps_its_owners_result()
    {
        await using var server = await ServeProcess.StartAsync(Database, NoEmbeddedAgent);
        using var admin = await AdminWithDeviceAsync(server);
        using var a = server.Client(await server.CreateKeyAsync("agent-a", ApiKeyRole.Agent));
        using var b = server.Client(await server.CreateKeyAsync("agent-b", ApiKeyRole.Agent));
        var id = await SubmitAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1", incarnation = "ia" })).StatusCode);

        var forged = await b.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation = "ia", result = Samples.Result(new Dictionary<string, int> { ["forged"] = 1 }) });
        await ExpectProblemAsync(forged, HttpStatusCode.Forbidden, "agent.id-bound-to-other-key");
        Assert.Equal("running", (await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}")).GetProperty("state").GetString());

        var genuine = await a.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation = "ia", result = Samples.Result(new Dictionary<string, int> { ["honest"] = 1 }) });
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        await ExpectProblemAsync(await b.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation = "ia", result = Samples.Result(new Dictionary<string, int> { ["forged"] = 1 }) }),
            HttpStatusCode.Forbidden, "agent.id-bound-to-other-key");
        var counts = (await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}/result")).GetProperty("result").GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("honest").GetInt32());
        Assert.False(counts.TryGetProperty("forged", out _));
        Assert.Equal(2, Events(EventTypes.AgentImpersonation).Count);
    }

    [Fact]
    public async Task Another_keys_heartbeat_under_an_agents_id_is_refused_and_the_silent_agent_still_goes_stale()
    {
        await using var server = await ServeProcess.StartAsync(Database, [.. NoEmbeddedAgent, "--config", Config(staleAfterMs: 1000, graceMs: 60_000)]);
        using var admin = await AdminWithDeviceAsync(server);
        using var a = server.Client(await server.CreateKeyAsync("agent-a", ApiKeyRole.Agent));
        using var b = server.Client(await server.CreateKeyAsync("agent-b", ApiKeyRole.Agent));
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsJsonAsync("/v1/agent/heartbeat", new { agentId = "a1", incarnation = "ia", taskIds = Array.Empty<Guid>() })).StatusCode);

        await Until.TrueAsync(async () =>
        {
            await ExpectProblemAsync(await b.PostAsJsonAsync("/v1/agent/heartbeat", new { agentId = "a1", incarnation = "ib", taskIds = Array.Empty<Guid>() }),
                HttpStatusCode.Forbidden, "agent.id-bound-to-other-key");
            var agents = await admin.GetFromJsonAsync<JsonElement>("/v1/agents");
            return agents.EnumerateArray().Single(x => x.GetProperty("agentId").GetString() == "a1").GetProperty("stale").GetBoolean();
        }, "a1 to go stale while b heartbeats under its id", TimeSpan.FromSeconds(20));
        Assert.NotEmpty(Events(EventTypes.AgentImpersonation));
    }

    [Fact]
    public async Task A_report_from_an_earlier_incarnation_is_refused_409_stale_owner_once_a_later_one_adopted_the_task()
    {
        await using var server = await ServeProcess.StartAsync(Database, NoEmbeddedAgent);
        using var admin = await AdminWithDeviceAsync(server);
        using var agent = server.Client(await server.CreateKeyAsync("agent-a", ApiKeyRole.Agent));
        var id = await SubmitAsync(admin);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1", incarnation = "before-restart" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync("/v1/agent/heartbeat", new { agentId = "a1", incarnation = "after-restart", taskIds = new[] { id } })).StatusCode);

        await ExpectProblemAsync(await agent.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation = "before-restart", result = Samples.Result(new Dictionary<string, int>()) }),
            HttpStatusCode.Conflict, "task.stale-owner");
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/v1/tasks/{id}/completed", new { agentId = "a1", incarnation = "after-restart", result = Samples.Result(new Dictionary<string, int>()) })).StatusCode);
        Assert.Single(Events(EventTypes.TaskAdopted));
        Assert.Single(Events(EventTypes.TaskReportRejected));
    }

    [Fact]
    public async Task An_agent_that_dies_and_never_returns_loses_its_tasks_after_the_grace_unless_their_jobs_outlive_it()
    {
        await using var server = await ServeProcess.StartAsync(Database, [.. NoEmbeddedAgent, "--config", Config(staleAfterMs: 1000, graceMs: 1000)]);
        using var admin = await AdminWithDeviceAsync(server);
        using var agent = server.Client(await server.CreateKeyAsync("agent-a", ApiKeyRole.Agent));
        var inProcess = await SubmitAsync(admin);
        var slurm = await SubmitAsync(admin);
        foreach (var (id, survives) in new[] { (inProcess, false), (slurm, true) })
        {
            Assert.Equal(id, (await (await agent.PostAsJsonAsync("/v1/agent/claim", new { agentId = "a1", incarnation = "gone" })).Content.ReadFromJsonAsync<JsonElement>())
                .GetProperty("task").GetProperty("id").GetGuid());
            Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"/v1/tasks/{id}/running",
                new { agentId = "a1", incarnation = "gone", schedulerJobId = $"job-{id}", survivesAgent = survives })).StatusCode);
        }

        await Until.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks/{inProcess}")).GetProperty("state").GetString() == "queued",
            "the dead agent's task to be requeued", TimeSpan.FromSeconds(20));
        var requeued = await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks/{inProcess}");
        Assert.Equal(2, requeued.GetProperty("attempt").GetInt32());
        Assert.Contains("\"reason\":\"owner-stale\"", Assert.Single(Events(EventTypes.TaskRequeued)).Data, StringComparison.Ordinal);
        Assert.Equal("running", (await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks/{slurm}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task After_kill_9_of_serve_with_its_embedded_agent_no_task_stays_running_once_it_restarts()
    {
        var ids = new List<Guid>();
        string key;
        await using (var server = await ServeProcess.StartAsync(Database, "--embedded-agent", "2"))
        {
            key = (await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim();
            using var admin = server.Client(key);
            for (var i = 0; i < 40; i++)
            {
                var response = await admin.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez", circuit = Circuit, shots = 20_000, seed = i });
                ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            await Until.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>("/v1/tasks?state=running")).GetProperty("items").GetArrayLength() > 0,
                "a task to be running", TimeSpan.FromSeconds(20));
            server.Kill();
        }

        await using var restarted = await ServeProcess.StartAsync(Database, "--embedded-agent", "2");
        using var http = restarted.Client(key);
        await Until.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}")).GetProperty("state").GetString() is "queued" or "running") return false;
            }
            return true;
        }, "every task to end after the restart", TimeSpan.FromSeconds(45));
        foreach (var id in ids)
            Assert.Equal("completed", (await http.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}")).GetProperty("state").GetString());
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private string Config(int staleAfterMs, int graceMs)
    {
        var path = Path.Combine(_directory.FullName, "serve.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Qonduit = new
            {
                AgentStaleAfter = TimeSpan.FromMilliseconds(staleAfterMs).ToString("c"),
                StaleOwnerGrace = TimeSpan.FromMilliseconds(graceMs).ToString("c"),
                StaleScanInterval = TimeSpan.FromMilliseconds(200).ToString("c"),
            },
        }));
        return path;
    }

    private async Task<HttpClient> AdminWithDeviceAsync(ServeProcess server)
    {
        var admin = server.Client((await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim());
        var put = await admin.PutAsJsonAsync("/v1/devices/line5", new { generator = new { family = "line", qubits = 5, seed = 1 } });
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return admin;
    }

    private static async Task<Guid> SubmitAsync(HttpClient admin)
    {
        var response = await admin.PostAsJsonAsync("/v1/tasks", new { device = "line5", circuit = Circuit, shots = 10 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private IReadOnlyList<EventRecord> Events(string type)
    {
        using var store = new SqliteControlPlaneStore(new SqliteStoreOptions(Database));
        return store.ReadEvents(0, new EventFilter(Types: [type]), 1000);
    }

    private static async Task ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
