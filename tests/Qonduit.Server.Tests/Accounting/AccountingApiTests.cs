using System.Net.Http.Json;
using Qonduit.Contracts.Accounting;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Accounting;

/// <summary>`GET /v1/accounting` and the usage a task view shows: totals per group that are the sums of the tasks' figures.</summary>
public sealed class AccountingApiTests
{
    private static TaskRecord Ended(string tenant, string consumer, DateTimeOffset finished, double lane, double cpu, int simulations, int shots = 100) => new()
    {
        Id = Guid.NewGuid(), Tenant = tenant, Consumer = consumer, Device = "line5", Dialect = "openqasm2", Circuit = Samples.Bell, Shots = shots,
        AdmittedSnapshotVersion = 1, CreatedAt = finished.AddSeconds(-lane), UpdatedAt = finished, ClaimedAt = finished.AddSeconds(-lane), FinishedAt = finished,
        State = TaskState.Completed, Owner = "a1", ResourceKind = "qpu", LaneSeconds = lane, CpuSeconds = cpu, Simulations = simulations,
    };

    private static async Task<ControlPlaneHost> SeededAsync()
    {
        var host = await ControlPlaneHost.StartAsync();
        var now = host.Clock.GetUtcNow();
        await host.Store.WriteAsync(w =>
        {
            w.InsertTask(Ended("alice", "/chem/alice", now.AddHours(-30), 4, 0.5, 1));
            w.InsertTask(Ended("alice", "/chem/alice", now.AddHours(-1), 6, 1.5, 8, shots: 1000));
            w.InsertTask(Ended("bob", "/opt/bob", now.AddHours(-2), 10, 2, 3));
            w.InsertTask(Ended("bob", "/opt/bob", now.AddDays(-40), 99, 99, 99));
            return 0;
        });
        return host;
    }

    [Fact]
    public async Task An_admin_sees_everyones_totals_by_consumer_over_the_last_30_days_by_default_and_the_total_sums_the_rows()
    {
        await using var host = await SeededAsync();

        var report = (await host.Admin.GetFromJsonAsync<AccountingReportView>("/v1/accounting"))!;

        Assert.Equal(("consumer", null, (string?)null, false), (report.By, report.Period, report.User, report.Truncated));
        Assert.Equal([new AccountingRowView("/chem/alice", 2, 10, 1100, 9, 2), new AccountingRowView("/opt/bob", 1, 10, 100, 3, 2)], report.Rows);
        Assert.Equal(new AccountingRowView("total", 3, 20, 1200, 12, 4), report.Total);
        Assert.Equal(TimeSpan.FromDays(30), report.To - report.From);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_tasks_whatever_the_grouping()
    {
        await using var host = await SeededAsync();

        var byUser = (await host.Alice.GetFromJsonAsync<AccountingReportView>("/v1/accounting?by=user"))!;
        var byDevice = (await host.Alice.GetFromJsonAsync<AccountingReportView>("/v1/accounting?by=device"))!;

        Assert.Equal("alice", byUser.User);
        Assert.Equal([new AccountingRowView("alice", 2, 10, 1100, 9, 2)], byUser.Rows);
        Assert.Equal([new AccountingRowView("line5", 2, 10, 1100, 9, 2)], byDevice.Rows);
    }

    [Fact]
    public async Task Periods_split_the_window_into_utc_buckets()
    {
        await using var host = await SeededAsync();
        var now = host.Clock.GetUtcNow();
        var from = Uri.EscapeDataString(now.AddDays(-2).ToString("O"));

        var report = (await host.Admin.GetFromJsonAsync<AccountingReportView>($"/v1/accounting?by=period&period=month&from={from}"))!;

        Assert.Equal("month", report.Period);
        Assert.Equal(3, report.Rows.Sum(r => r.Tasks));
        Assert.All(report.Rows, r => Assert.EndsWith("-01T00:00:00Z", r.Key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("by=tenant", "accounting.invalid-grouping")]
    [InlineData("by=period&period=week", "accounting.invalid-period")]
    [InlineData("from=yesterday", "accounting.invalid-window")]
    [InlineData("from=2025-03-02&to=2025-03-01", "accounting.invalid-window")]
    [InlineData("from=2024-01-01&to=2025-03-01", "accounting.invalid-window")]
    public async Task A_bad_parameter_is_a_typed_400(string query, string code)
    {
        await using var host = await ControlPlaneHost.StartAsync();

        await Expect.ProblemAsync(await host.Alice.GetAsync(new Uri($"/v1/accounting?{query}", UriKind.Relative)), 400, code);
    }

    [Fact]
    public async Task A_completed_task_shows_its_lane_seconds_and_the_cpu_seconds_simulations_and_shots_its_runner_reported()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var submitted = await host.SubmitAsync(shots: 300);
        var claim = await host.ClaimAsync("agent-1");
        host.Clock.Advance(TimeSpan.FromSeconds(2.5));

        var result = Samples.Result(new Dictionary<string, int> { ["00"] = 300 }) with { CpuSeconds = 0.125, Simulations = 1 };
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task!.Id}/completed", new ReportCompletedRequest("agent-1", result)), 200);

        var usage = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{submitted.Id}"))!.Usage!;
        Assert.Equal((2.5, 300, 1, 0.125), (usage.LaneSeconds, usage.Shots, usage.Simulations, usage.CpuSeconds));
        Assert.Null(submitted.Usage);
    }

    [Fact]
    public async Task A_result_claiming_negative_cpu_seconds_is_refused()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.SubmitAsync();
        var claim = await host.ClaimAsync("agent-1");

        var result = Samples.Result() with { CpuSeconds = -1 };
        await Expect.ProblemAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task!.Id}/completed", new ReportCompletedRequest("agent-1", result)), 400, "agent.invalid-result");
    }
}
