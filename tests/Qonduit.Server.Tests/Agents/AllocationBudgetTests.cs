using System.Net.Http.Json;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

/// <summary>Runs alone: it counts every byte the process allocates, which tests running beside it would add to.</summary>
[CollectionDefinition(nameof(AllocationBudgetTests), DisableParallelization = true)]
public sealed class AllocationBudgetCollection;

/// <summary>
/// The hot path's allocations per task, so a change that makes it heavier fails here rather than only in `qonduit bench
/// server`: an agent of four slots that reports its finished tasks and claims their successors in one call, on SQLite,
/// through the whole HTTP pipeline (in-process, without sockets). Bytes, not time: a count that does not depend on the
/// machine or on what else runs on it.
/// </summary>
[Collection(nameof(AllocationBudgetTests))]
public sealed class AllocationBudgetTests
{
    /// <summary>Measured 39.8 to 40.2 KB per task (2026-12-05, three runs); the budget leaves a fifth for small changes.</summary>
    private const double BudgetKbPerTask = 48;

    private static readonly RunResult Counts = Samples.Result();

    [Fact]
    public async Task Claiming_and_completing_a_task_allocates_no_more_than_its_budget()
    {
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        await QueueAsync(host, 200);
        await RunAsync(host, 200);
        await QueueAsync(host, 400);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var tasks = await RunAsync(host, 400);
        var perTask = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1024.0 / tasks;

        Assert.True(perTask <= BudgetKbPerTask, $"claim + complete allocated {perTask:F1} KB per task, over its budget of {BudgetKbPerTask} KB");
    }

    private static async Task QueueAsync(ControlPlaneHost host, int count)
    {
        for (var i = 0; i < count; i++) await host.SubmitAsync();
    }

    /// <summary>Claims and completes <paramref name="count"/> queued tasks; returns how many it completed.</summary>
    private static async Task<int> RunAsync(ControlPlaneHost host, int count)
    {
        var completed = 0;
        List<Guid> held = [];
        while (completed < count)
        {
            if (held.Count == 0)
            {
                var claim = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 4, null, 0, "i-1", 4));
                await Expect.StatusAsync(claim, 200);
                held = Ids((await claim.Content.ReadFromJsonAsync<ClaimResponse>())!);
            }
            var response = await host.Agent.PostAsJsonAsync("/v1/agent/reports",
                new ReportsRequest("agent-1", [.. held.Select(id => new TaskReport(id, TaskReport.Completed, Result: Counts))], "i-1", ClaimMax: 4));
            await Expect.StatusAsync(response, 200);
            var answer = (await response.Content.ReadFromJsonAsync<ReportsResponse>())!;
            Assert.All(answer.Outcomes, o => Assert.Equal(200, o.Status));
            completed += held.Count;
            held = answer.Claimed is { } next ? Ids(next) : [];
        }
        return completed;
    }

    private static List<Guid> Ids(ClaimResponse claim) => [.. claim.All.Select(c => c.Task.Id)];
}
