using System.Net.Http.Json;
using Qonduit.Server.Agents;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Leases;

/// <summary>docs/leases.md "Tasks spend leases": accounting, refusals, and what a fully leased device lets agents claim.</summary>
public sealed class LeaseTasksTests
{
    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_task_submitted_with_a_token_is_accounted_to_its_lease(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var lease = await host.Alice.AcquireAsync();
        var first = await SubmitAsync(host.Alice, lease.Token, shots: 100);
        await Expect.StatusAsync(first, 201);
        await Expect.StatusAsync(await SubmitAsync(host.Alice, lease.Token, shots: 50), 201);

        var task = (await first.Content.ReadFromJsonAsync<TaskView>())!;
        Assert.Equal(lease.LeaseId, task.LeaseId);
        Assert.Equal(lease.LeaseId, (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!.LeaseId);
        var spent = await host.Alice.LeaseAsync(lease.Token);
        Assert.Equal((2, 150L), (spent.Tasks, spent.Shots));
        Assert.Null((await host.SubmitAsync(host.Alice)).LeaseId);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task A_released_lease_still_shows_what_its_ended_tasks_used_for_a_slurm_jobs_admin_comment(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var lease = await host.Alice.AcquireAsync();
        await Expect.StatusAsync(await SubmitAsync(host.Alice, lease.Token, shots: 100), 201);
        await Expect.StatusAsync(await SubmitAsync(host.Alice, lease.Token, shots: 50), 201);
        await host.SubmitAsync(host.Alice);
        var claim = await host.ClaimAsync("agent-1");
        host.Clock.Advance(TimeSpan.FromSeconds(4));
        var result = Samples.Result(new Dictionary<string, int> { ["00"] = 100 }) with { CpuSeconds = 0.5, Simulations = 1 };
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task!.Id}/completed", new ReportCompletedRequest("agent-1", result)), 200);

        await Expect.StatusAsync(await host.Alice.ReleaseAsync(lease.Token), 204);
        var spent = await host.Alice.LeaseAsync(lease.Token);

        // Two submitted with it, one of them ran and ended; the third task was no spending of the lease.
        Assert.Equal((2, 150L), (spent.Tasks, spent.Shots));
        Assert.Equal(new Qonduit.Contracts.Accounting.AccountingRowView("line5", 1, 4, 100, 1, 0.5), spent.Used);
    }

    [Fact]
    public async Task A_token_that_is_unknown_expired_released_or_another_tenants_is_lease_not_found()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.ProblemAsync(await SubmitAsync(host.Alice, "lt_unknown"), 409, "lease.not-found");

        var alices = await host.Alice.AcquireAsync(ttlSeconds: 10);
        await Expect.ProblemAsync(await SubmitAsync(host.Bob, alices.Token), 409, "lease.not-found");
        await Expect.StatusAsync(await SubmitAsync(host.Admin, alices.Token), 201);

        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await Expect.ProblemAsync(await SubmitAsync(host.Alice, alices.Token), 409, "lease.not-found");
        var released = await host.Alice.AcquireAsync();
        await host.Alice.ReleaseAsync(released.Token);
        await Expect.ProblemAsync(await SubmitAsync(host.Alice, released.Token), 409, "lease.not-found");
        Assert.Single(host.Store.ListTasks(new Storage.TaskQuery()));
    }

    [Fact]
    public async Task A_token_of_another_device_is_lease_device_mismatch()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await host.RegisterAsync(Samples.Line("other"));
        var lease = await host.Alice.AcquireAsync("other");
        var refused = await Expect.ProblemAsync(await SubmitAsync(host.Alice, lease.Token), 409, "lease.device-mismatch");
        Assert.Equal("other", refused.GetProperty("leaseDevice").GetString());
        Assert.Equal(0, (await host.Alice.LeaseAsync(lease.Token)).Tasks);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task While_every_lane_is_leased_agents_claim_only_tasks_spending_those_leases(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        var unleased = await host.SubmitAsync(host.Bob);
        var lease = await host.Alice.AcquireAsync();
        var leased = (await (await SubmitAsync(host.Alice, lease.Token)).Content.ReadFromJsonAsync<TaskView>())!;

        Assert.Equal(leased.Id, (await host.ClaimAsync()).Task.Id);
        await Expect.StatusAsync(await Claim(host), 204);
        Assert.Equal(TaskState.Queued, host.Store.GetTask(unleased.Id)!.State);

        await host.Alice.ReleaseAsync(lease.Token);
        Assert.Equal(unleased.Id, (await host.ClaimAsync()).Task.Id);
    }

    [Fact]
    public async Task A_claim_waiting_behind_a_full_lease_is_woken_when_the_lease_ends()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var lease = await host.Alice.AcquireAsync();
        var queued = await host.SubmitAsync(host.Bob);
        var claim = host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 60_000));
        await Eventually.TrueAsync(() => host.Store.ListAgents().Any(), "the claim to look for work");
        Assert.False(claim.IsCompleted);

        await host.Alice.ReleaseAsync(lease.Token);
        var response = await claim;
        await Expect.StatusAsync(response, 200);
        Assert.Equal(queued.Id, (await response.Content.ReadFromJsonAsync<ClaimResponse>())!.Task.Id);
    }

    [Fact]
    public async Task A_device_with_a_free_lane_serves_unleased_tasks()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new { lanes = 2 }), 200);
        await host.Alice.AcquireAsync();
        var unleased = await host.SubmitAsync(host.Bob);
        Assert.Equal(unleased.Id, (await host.ClaimAsync()).Task.Id);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string token, int shots = 100) =>
        client.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, shots, LeaseToken: token));

    private static Task<HttpResponseMessage> Claim(ControlPlaneHost host) =>
        host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 1, null, 0));
}
