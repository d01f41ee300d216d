using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Storage;
using Qonduit.Storage.Sqlite;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// SIGTERM to `qonduit serve` while its embedded agent runs tasks: the agent drains before the web server stops, the
/// process exits 0, and what was running either finished and was reported or is requeued on restart ("Jobs that die
/// with the agent", docs/architecture.md) — no task ends twice, no result is half-written.
/// </summary>
public sealed class ServeDrainTests : IDisposable
{
    private const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";
    private const int Shots = 1000;
    private static readonly string[] Options = ["--embedded-agent", "2"];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("qonduit-drain-");

    private string Database => Path.Combine(_directory.FullName, "q.db");

    [Fact]
    public async Task Sigterm_with_tasks_running_in_the_embedded_agent_exits_zero_and_every_task_completes_once_after_restart()
    {
        await using (var server = await ServeProcess.StartAsync(Database, Options))
        {
            using var admin = server.Client(AdminKey());
            using var stop = new CancellationTokenSource();
            var submitting = SubmitUntilStoppedAsync(admin, stop.Token);
            await Until.TrueAsync(async () => await CountAsync(admin, "running") > 0, "a task running in the embedded agent", TimeSpan.FromSeconds(30));

            Assert.Equal(0, await server.StopAsync());
            await stop.CancelAsync();
            await submitting;
        }
        AssertNothingHalfWritten(requireAllCompleted: false);

        await using (var restarted = await ServeProcess.StartAsync(Database, Options))
        {
            using var admin = restarted.Client(AdminKey());
            await Until.TrueAsync(async () => await CountAsync(admin, "queued") + await CountAsync(admin, "running") == 0,
                "every task to end after the restart", TimeSpan.FromSeconds(60));
            Assert.Equal(0, await restarted.StopAsync());
        }
        AssertNothingHalfWritten(requireAllCompleted: true);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task SubmitUntilStoppedAsync(HttpClient admin, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                (await admin.PostAsJsonAsync("/v1/tasks", new { device = "ibm_fez-ideal", circuit = Circuit, shots = Shots }, stop)).Dispose();
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // the server is stopping: the submissions it refused are not the test's subject
                return;
            }
        }
    }

    private static async Task<int> CountAsync(HttpClient admin, string state) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/v1/tasks?state={state}&limit=500")).GetProperty("items").GetArrayLength();

    /// <summary>With the server stopped: every stored result and every run directory's result.json is whole, and no task ended twice.</summary>
    private void AssertNothingHalfWritten(bool requireAllCompleted)
    {
        using (var store = new SqliteControlPlaneStore(new SqliteStoreOptions(Database)))
        {
            var tasks = store.ListTasks(new TaskQuery(Limit: 1_000_000));
            Assert.NotEmpty(tasks);
            var ends = store.ReadEvents(0, EventFilter.All, 10_000_000)
                .Where(e => e.Type is EventTypes.TaskCompleted or EventTypes.TaskFailed or EventTypes.TaskCancelled or EventTypes.TaskForceFailed)
                .GroupBy(e => e.TaskId!.Value).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(ends, end => Assert.Equal(1, end.Value));
            foreach (var task in tasks)
            {
                Assert.True(task.State is TaskState.Completed || (!requireAllCompleted && task.State is TaskState.Queued or TaskState.Running),
                    $"task {task.Id} is {task.State} ({task.Error?.Code})");
                if (task.State != TaskState.Completed) continue;
                var counts = JsonDocument.Parse(task.ResultJson!).RootElement.GetProperty("counts");
                Assert.Equal(Shots, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));
            }
        }
        foreach (var result in Directory.EnumerateFiles(Path.Combine(_directory.FullName, "runs"), "result.json", SearchOption.AllDirectories))
            JsonDocument.Parse(File.ReadAllText(result)).Dispose();
    }

    private string AdminKey() => File.ReadAllText(Path.Combine(_directory.FullName, "admin.key")).Trim();
}
