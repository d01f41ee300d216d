using System.Net.Http.Json;
using Qonduit.Devices.Snapshots;
using Qonduit.Server.Agents;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Tasks;

/// <summary>`pendingReason` as a user reads it on queued tasks, from what the server knows when the view is built.</summary>
public sealed class PendingReasonTests
{
    private static Task<HttpResponseMessage> HeartbeatAsync(ControlPlaneHost host, string agentId = "agent-1") =>
        host.Agent.PostAsJsonAsync("/v1/agent/heartbeat", new HeartbeatRequest(agentId, [], "i-1"));

    [Fact]
    public async Task Without_a_live_agent_a_queued_task_says_no_agent_and_a_submission_says_so_at_once()
    {
        await using var host = await ControlPlaneHost.StartAsync();

        var submitted = await host.SubmitAsync();

        Assert.Equal("pending.no-agent", submitted.PendingReason!.Code);
        Assert.Contains("line5", submitted.PendingReason.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    public async Task With_a_live_agent_each_queued_task_counts_the_tasks_ahead_of_it_in_its_device_queue(StoreKind kind)
    {
        await using var host = await ControlPlaneHost.StartAsync(kind);
        await Expect.StatusAsync(await HeartbeatAsync(host), 200);
        var first = await host.SubmitAsync();
        var second = await host.SubmitAsync();
        var urgent = await host.Alice.PostAsJsonAsync("/v1/tasks", new SubmitTaskRequest("line5", Samples.Bell, null, 10, Priority: 5));
        await Expect.StatusAsync(urgent, 201);

        var page = (await host.Alice.GetFromJsonAsync<TaskPage>("/v1/tasks"))!;
        var ahead = page.Items.ToDictionary(t => t.Id, t => t.PendingReason!.Details["ahead"]);

        Assert.All(page.Items, t => Assert.Equal("pending.queued-behind", t.PendingReason!.Code));
        Assert.Equal(0, ahead[(await urgent.Content.ReadFromJsonAsync<TaskView>())!.Id]);
        Assert.Equal((1, 2), (ahead[first.Id], ahead[second.Id]));
        Assert.Equal(2, (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{second.Id}"))!.PendingReason!.Details["ahead"]);
    }

    [Fact]
    public async Task A_device_whose_qubits_all_went_offline_holds_its_queued_tasks_as_device_offline()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host), 200);
        var task = await host.SubmitAsync();
        var line = Samples.Line();
        await host.RegisterAsync(line with { Qubits = [.. line.Qubits.Select(q => q with { Status = QubitStatus.Offline })] });

        var view = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!;

        Assert.Equal("pending.device-offline", view.PendingReason!.Code);
    }

    [Fact]
    public async Task A_device_leased_whole_to_another_user_holds_the_tasks_that_spend_none_of_its_leases()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host), 200);
        var task = await host.SubmitAsync();
        await host.Bob.AcquireAsync();

        var view = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!;

        Assert.Equal("pending.lease-held", view.PendingReason!.Code);
    }

    [Fact]
    public async Task The_holder_of_the_lease_that_keeps_a_task_waiting_shows_to_its_owner_and_admins_only()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        await Expect.StatusAsync(await HeartbeatAsync(host), 200);
        var alices = await host.SubmitAsync(host.Alice);
        var bobs = await host.SubmitAsync(host.Bob);
        await host.Bob.AcquireAsync(holder: "slurm:job:42");

        var toAlice = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{alices.Id}"))!.PendingReason!;
        var toBob = (await host.Bob.GetFromJsonAsync<TaskView>($"/v1/tasks/{bobs.Id}"))!.PendingReason!;
        var toAdmin = (await host.Admin.GetFromJsonAsync<TaskPage>("/v1/tasks"))!.Items.Single(t => t.Id == alices.Id).PendingReason!;

        Assert.Equal(("pending.lease-held", null), (toAlice.Code, toAlice.Holder));
        Assert.DoesNotContain("slurm:job:42", await host.Alice.GetStringAsync($"/v1/tasks/{alices.Id}"), StringComparison.Ordinal);
        Assert.Equal(("pending.lease-held", "slurm:job:42"), (toBob.Code, toBob.Holder));
        Assert.Equal("slurm:job:42", toAdmin.Holder);
    }

    [Fact]
    public async Task A_running_task_has_no_pending_reason()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var task = await host.SubmitAsync();
        await host.ClaimAsync();

        var view = (await host.Alice.GetFromJsonAsync<TaskView>($"/v1/tasks/{task.Id}"))!;

        Assert.Equal(TaskState.Running, view.State);
        Assert.Null(view.PendingReason);
    }
}
