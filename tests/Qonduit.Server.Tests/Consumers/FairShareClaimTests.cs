using System.Net.Http.Json;
using System.Text;
using Qonduit.Contracts.Agents;
using Qonduit.Contracts.Consumers;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Consumers;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Consumers;

/// <summary>How fair share orders and caps claims (docs/orchestration.md §3), and reclaim through the ledger.</summary>
public sealed class FairShareClaimTests
{
    private static async Task SetUpAsync(ControlPlaneHost host, string tree)
    {
        await Expect.StatusAsync(await host.Admin.PutAsync("/v1/consumers", new StringContent(tree, Encoding.UTF8, "application/json")), 200);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/alice/consumer", new AssignConsumerRequest("/chem")), 204);
        await Expect.StatusAsync(await host.Admin.PutAsJsonAsync("/v1/users/bob/consumer", new AssignConsumerRequest("/opt")), 204);
    }

    private static async Task<Guid?> ClaimIdAsync(ControlPlaneHost host)
    {
        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 8, null, 0));
        if ((int)response.StatusCode == 204) return null;
        await Expect.StatusAsync(response, 200);
        return (await response.Content.ReadFromJsonAsync<ClaimResponse>())!.Task.Id;
    }

    [Fact]
    public async Task A_claim_takes_the_consumer_of_highest_fair_share_first_and_consumers_tied_in_submit_order()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await SetUpAsync(host, """{"name": "root", "children": [{"name": "chem"}, {"name": "opt"}]}""");

        // No usage yet: chem and opt tie, so their tasks go in submit order.
        var a1 = (await host.SubmitAsync(host.Alice)).Id;
        var b1 = (await host.SubmitAsync(host.Bob)).Id;
        Assert.Equal(a1, await ClaimIdAsync(host));
        Assert.Equal(b1, await ClaimIdAsync(host));

        // chem's task ran 100 s, opt's 10 s: opt's next task goes first though submitted after chem's.
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{b1}/completed", new ReportCompletedRequest("agent-1", Samples.Result())), 200);
        host.Clock.Advance(TimeSpan.FromSeconds(90));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{a1}/completed", new ReportCompletedRequest("agent-1", Samples.Result())), 200);
        var a2 = (await host.SubmitAsync(host.Alice)).Id;
        var b2 = (await host.SubmitAsync(host.Bob)).Id;
        var standing = host.Get<FairShareBoard>().Recompute();
        Assert.True(standing.ValueOf("qpu", "/opt") > standing.ValueOf("qpu", "/chem"));

        Assert.Equal(b2, await ClaimIdAsync(host));
        Assert.Equal(a2, await ClaimIdAsync(host));
    }

    [Fact]
    public async Task An_owner_takes_its_slots_back_borrowed_tasks_newest_first_are_interrupted_then_requeued_with_their_attempt_and_the_borrower_waits_at_its_cap()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new { lanes = 4 }), 200);
        await SetUpAsync(host, """
            {"name": "root", "children": [
              {"name": "chem", "pools": {"line5": {"owned": 3, "reclaimGraceSeconds": 30}}},
              {"name": "opt", "pools": {"line5": {"owned": 1}}}]}
            """);

        // chem has no demand: opt borrows its three slots.
        var borrowed = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            borrowed.Add((await host.SubmitAsync(host.Bob)).Id);
            Assert.Equal(borrowed[^1], await ClaimIdAsync(host));
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var waiting = (await host.SubmitAsync(host.Bob)).Id;
        Assert.Equal("pending.consumer-limit", (await host.Bob.GetFromJsonAsync<TaskView>($"/v1/tasks/{waiting}"))!.PendingReason!.Code);

        // chem's demand rises to 3: its allocation is 3 of opt's 4, and opt's three newest tasks are interrupted.
        var wanted = new List<Guid>();
        for (var i = 0; i < 3; i++) wanted.Add((await host.SubmitAsync(host.Alice)).Id);
        var monitor = host.Get<ReclaimMonitor>();
        await monitor.TickAsync(CancellationToken.None);
        var interrupted = borrowed.Where(id => host.Store.GetTask(id)!.InterruptedAt is not null).ToList();
        Assert.Equal(borrowed[1..], interrupted);
        Assert.Equal(3, host.Store.ReadEvents(0, new Storage.EventFilter(Types: ["task.interrupted"]), 100).Count);

        // One stops on its interrupt (its run fails): requeued at once. The others are requeued when the grace has passed.
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{interrupted[0]}/failed",
            new ReportFailedRequest("agent-1", "runner.signalled", "runner", "terminated")), 200);
        Assert.Equal(TaskState.Queued, host.Store.GetTask(interrupted[0])!.State);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await monitor.TickAsync(CancellationToken.None);
        Assert.All(interrupted, id => Assert.Equal((TaskState.Queued, 1), (host.Store.GetTask(id)!.State, host.Store.GetTask(id)!.Attempt)));

        // Claims now take chem's three tasks; opt runs its one owned slot and waits at its cap.
        Assert.Equal(wanted.ToHashSet(), new[] { await ClaimIdAsync(host), await ClaimIdAsync(host), await ClaimIdAsync(host) }.Select(id => id!.Value).ToHashSet());
        Assert.Null(await ClaimIdAsync(host));
        Assert.Equal("pending.consumer-limit", (await host.Bob.GetFromJsonAsync<TaskView>($"/v1/tasks/{waiting}"))!.PendingReason!.Code);
    }

    [Fact]
    public async Task Where_a_consumer_owns_slots_a_claim_for_several_tasks_takes_one_so_each_sees_the_caps_it_moved()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await host.Admin.PatchAsJsonAsync("/v1/devices/line5", new { lanes = 4 }), 200);
        await SetUpAsync(host, """{"name": "root", "children": [{"name": "chem", "pools": {"line5": {"owned": 1}}}, {"name": "opt"}]}""");
        for (var i = 0; i < 3; i++) await host.SubmitAsync(host.Alice);

        var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest("agent-1", 4, null, 0, Max: 4));

        await Expect.StatusAsync(response, 200);
        Assert.Null((await response.Content.ReadFromJsonAsync<ClaimResponse>())!.More);
    }
}
