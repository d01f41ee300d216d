using System.Globalization;
using Qonduit.Client;
using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Tasks;
using Qonduit.Storage;

namespace Qonduit.IntegrationTests.Server;

/// <summary>
/// Accounting through `qonduit serve` and its embedded in-process runner: the totals `/v1/accounting` and `qonduit accounting`
/// give are the sums of the figures each task's view shows it used, measured by the runner.
/// </summary>
public sealed class AccountingThroughServeTests
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    [Fact]
    public async Task The_totals_per_user_device_and_period_equal_the_sums_of_the_tasks_measured_figures()
    {
        var home = Directory.CreateTempSubdirectory("qonduit-accounting-").FullName;
        await using var server = await ServeProcess.StartAsync(Path.Combine(home, "q.db"));
        var adminKey = (await File.ReadAllTextAsync(Path.Combine(home, "admin.key"))).Trim();
        var aliceKey = await server.CreateKeyAsync("alice", ApiKeyRole.User);
        var alice = new QonduitClient(server.Client(aliceKey), apiKey: null);
        var bob = new QonduitClient(server.Client(await server.CreateKeyAsync("bob", ApiKeyRole.User)), apiKey: null);
        var admin = new QonduitClient(server.Client(adminKey), apiKey: null);

        var poll = TimeSpan.FromMilliseconds(50);
        var runs = new[]
        {
            (alice, new SubmitTaskRequest("ibm_fez-ideal", Bell, null, 200, Seed: 1, Transpile: true)),
            // With the device's noise, over a budget of 8 error patterns.
            (alice, new SubmitTaskRequest("ibm_fez", Bell, null, 300, Seed: 2, Transpile: true, Trajectories: 8)),
            (bob, new SubmitTaskRequest("ibm_fez-ideal", Bell, null, 100, Seed: 3, Transpile: true)),
        };
        var tasks = new List<TaskView>();
        foreach (var (client, request) in runs)
        {
            var result = await client.SubmitAndWaitAsync(request, poll);
            tasks.Add(await client.GetTaskAsync(result.TaskId));
        }

        Assert.All(tasks, t =>
        {
            Assert.Equal(TaskState.Completed, t.State);
            Assert.Equal(t.Shots, t.Usage!.Shots);
            Assert.True(t.Usage.CpuSeconds > 0, $"task {t.Id} reported {t.Usage.CpuSeconds} CPU seconds");
            // Bound to a device: it held one of the QPU's lanes from its claim to its end.
            Assert.True(t.Usage.LaneSeconds > 0, $"task {t.Id} held a lane {t.Usage.LaneSeconds} s");
            Assert.InRange(t.Usage.Simulations ?? 0, 1, 8);
        });

        var byUser = await admin.GetAccountingAsync("user");
        Assert.Equal(["alice", "bob"], byUser.Rows.Select(r => r.Key));
        AssertSums(tasks[..2], byUser.Rows[0]);
        AssertSums(tasks[2..], byUser.Rows[1]);
        AssertSums(tasks, byUser.Total);
        AssertSums(tasks, (await admin.GetAccountingAsync("period", period: "month")).Total);
        var byDevice = await admin.GetAccountingAsync("device");
        AssertSums([tasks[0], tasks[2]], byDevice.Rows.Single(r => r.Key == "ibm_fez-ideal"));

        // The CLI: alice sees her own tasks only; the admin's CSV has one line per consumer (all in /default here).
        var mine = new ServeCli(server.Url.ToString(), aliceKey).Ok("accounting", "--by", "user").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("alice ", mine[2], StringComparison.Ordinal);
        Assert.DoesNotContain(mine, l => l.StartsWith("bob", StringComparison.Ordinal));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"used: {tasks[0].Usage!.LaneSeconds:0.000} lane-seconds, 200 shots, 1 simulation, "),
            new ServeCli(server.Url.ToString(), aliceKey).Ok("tasks", "show", tasks[0].Id.ToString()), StringComparison.Ordinal);
        var csv = new ServeCli(server.Url.ToString(), adminKey).Ok("accounting", "--csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var all = byUser.Total;
        Assert.Equal(["Consumer,Tasks,LaneSeconds,Shots,Simulations,CpuSeconds",
            string.Create(CultureInfo.InvariantCulture, $"/default,3,{all.LaneSeconds:0.000},600,{all.Simulations},{all.CpuSeconds:0.000}")], csv);
    }

    private static void AssertSums(IReadOnlyList<TaskView> tasks, AccountingRowView row)
    {
        Assert.Equal(tasks.Count, row.Tasks);
        Assert.Equal(tasks.Sum(t => t.Usage!.LaneSeconds ?? 0), row.LaneSeconds, 9);
        Assert.Equal(tasks.Sum(t => t.Usage!.Shots), row.Shots);
        Assert.Equal(tasks.Sum(t => t.Usage!.Simulations ?? 0), row.Simulations);
        Assert.Equal(tasks.Sum(t => t.Usage!.CpuSeconds ?? 0), row.CpuSeconds, 9);
    }
}
