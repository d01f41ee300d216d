using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Qonduit.Storage;
using Xunit.Abstractions;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Reclaim through a real `qonduit serve` with its embedded in-process agent (issue "Consumers and fair share"): an
/// owner's demand interrupts the borrowed tasks, the agent hears of it in its waiting heartbeat and cancels their
/// simulations, and their failure reports requeue them with their attempt unchanged — long before the reclaim grace,
/// which only a run that did not stop would wait out.
/// </summary>
public sealed class ReclaimThroughServeTests(ITestOutputHelper output) : IDisposable
{
    private const string Device = "reclaim_line";
    private const string Bell = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-reclaim-");

    /// <summary>Twenty entangled qubits, deep, with hundreds of error patterns: minutes of simulation.</summary>
    private static string LongCircuit()
    {
        var text = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[20] q;\nbit[20] c;\n");
        for (var layer = 0; layer < 40; layer++)
        {
            for (var i = 0; i < 20; i++) text.Append(CultureInfo.InvariantCulture, $"h q[{i}];\n");
            for (var i = 0; i < 19; i++) text.Append(CultureInfo.InvariantCulture, $"cx q[{i}], q[{i + 1}];\n");
        }
        return text.Append("c = measure q;\n").ToString();
    }

    [Fact]
    public async Task Borrowed_tasks_are_interrupted_in_the_in_process_runner_and_requeued_with_their_attempt_long_before_the_grace()
    {
        var config = Path.Combine(_directory.FullName, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Qonduit = new { FairSharePeriod = "00:00:01" } }));
        await using var server = await ServeProcess.StartAsync(Path.Combine(_directory.FullName, "q.db"), "--embedded-agent", "2", "--config", config);
        using var admin = server.Client((await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "admin.key"))).Trim());
        var device = await admin.PutAsJsonAsync($"/v1/devices/{Device}", new { generator = new { family = "line", qubits = 20, seed = 1 }, lanes = 2 });
        Assert.True(device.IsSuccessStatusCode, await device.Content.ReadAsStringAsync());
        var tree = new
        {
            name = "root",
            children = new object[]
            {
                new { name = "chem", pools = new Dictionary<string, object> { [Device] = new { owned = 2, reclaimGraceSeconds = Grace.TotalSeconds } } },
                new { name = "opt" },
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/consumers", tree)).StatusCode);
        using var alice = await UserAsync(server, admin, "alice", "/chem");
        using var bob = await UserAsync(server, admin, "bob", "/opt");

        // chem has no demand: opt borrows both of its slots.
        Guid[] borrowed = [await SubmitAsync(bob, LongCircuit()), await SubmitAsync(bob, LongCircuit())];
        foreach (var id in borrowed)
            await Until.TrueAsync(async () => (await ViewAsync(bob, id)).TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object,
                $"task {id}'s simulation", TimeSpan.FromSeconds(60));

        var demand = Stopwatch.StartNew();
        Guid[] wanted = [await SubmitAsync(alice, Bell), await SubmitAsync(alice, Bell)];
        // Read from the record, not from a poll of the task's state: once requeued, a task may be claimed again at once.
        using var store = new Qonduit.Storage.Sqlite.SqliteControlPlaneStore(new Qonduit.Storage.Sqlite.SqliteStoreOptions(Path.Combine(_directory.FullName, "q.db")));
        IReadOnlyList<EventRecord> Events(Guid id) => store.ReadEvents(0, new EventFilter(TaskId: id), 100);
        static bool Reclaimed(EventRecord e) => e.Type == EventTypes.TaskRequeued && e.Data.Contains("\"reason\":\"reclaim\"", StringComparison.Ordinal);
        foreach (var id in borrowed)
        {
            try
            {
                // Well inside the grace: a requeue only the grace would bring never comes in time.
                await Until.TrueAsync(() => Task.FromResult(Events(id).Any(Reclaimed)), $"task {id}'s requeue by reclaim", TimeSpan.FromSeconds(60));
            }
            catch (Xunit.Sdk.FailException e)
            {
                var seen = string.Join("\n", Events(id).Select(r => $"{r.At:HH:mm:ss.fff} {r.Type} {r.Data}"));
                throw new Xunit.Sdk.XunitException($"{e.Message}\nits events:\n{seen}\nserver log:\n{server.LogTail}");
            }
            var events = Events(id).ToList();
            Assert.True(events.FindIndex(e => e.Type == EventTypes.TaskInterrupted) < events.FindIndex(Reclaimed), "interrupted, then requeued");
            Assert.Contains("\"attempt\":1", events.First(Reclaimed).Data, StringComparison.Ordinal);
        }
        output.WriteLine($"both borrowed tasks requeued {demand.Elapsed.TotalSeconds:0.0} s after the owner's demand (grace {Grace.TotalSeconds:0} s)");

        foreach (var id in borrowed) Assert.Equal(1, (await ViewAsync(bob, id)).GetProperty("attempt").GetInt32());
        foreach (var id in wanted)
            await Until.TrueAsync(async () => (await ViewAsync(alice, id)).GetProperty("state").GetString() == "completed", $"the owner's task {id}", TimeSpan.FromSeconds(60));
        foreach (var id in borrowed) Assert.Equal(HttpStatusCode.OK, (await bob.PostAsync($"/v1/tasks/{id}/cancel", null)).StatusCode);
        Assert.Equal(0, await server.StopAsync());
    }

    private static async Task<HttpClient> UserAsync(ServeProcess server, HttpClient admin, string user, string consumer)
    {
        var client = server.Client(await server.CreateKeyAsync(user, ApiKeyRole.User));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/v1/users/{user}/consumer", new { consumer })).StatusCode);
        return client;
    }

    private static async Task<Guid> SubmitAsync(HttpClient client, string circuit)
    {
        var submitted = await client.PostAsJsonAsync("/v1/tasks", new { device = Device, circuit, shots = 1000, seed = 5, trajectories = 400 });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> ViewAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/v1/tasks/{id}");

    public void Dispose() => _directory.Delete(recursive: true);
}
