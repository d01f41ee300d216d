using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Agents;
using Qonduit.Server.Tasks;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Agents;

public sealed class ConcurrentClaimTests
{
    [Fact]
    public async Task Eight_agents_claim_two_thousand_tasks_each_exactly_once_in_the_store_and_the_event_stream()
    {
        const int Tasks = 2000;
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < Tasks / 8; i++) await host.SubmitAsync();
        }));
        var claims = new ConcurrentBag<(string Agent, Guid Task)>();
        var result = Samples.Result();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async a =>
        {
            var agent = $"agent-{a}";
            while (true)
            {
                var response = await host.Agent.PostAsJsonAsync("/v1/agent/claim", new ClaimRequest(agent, 1, null, 0));
                if ((int)response.StatusCode == 204) return;
                var claim = (await response.Content.ReadFromJsonAsync<ClaimResponse>())!;
                claims.Add((agent, claim.Task.Id));
                await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{claim.Task.Id}/completed", new ReportCompletedRequest(agent, result)), 200);
            }
        }));

        Assert.Equal(Tasks, claims.Count);
        Assert.Equal(Tasks, claims.Select(c => c.Task).Distinct().Count());
        Assert.True(claims.Select(c => c.Agent).Distinct().Count() > 1);
        var stored = host.Store.ListTasks(new TaskQuery(Limit: Tasks + 1));
        Assert.Equal(Tasks, stored.Count);
        Assert.All(stored, t => Assert.Equal((TaskState.Completed, 1), (t.State, t.Attempt)));
        var events = host.Store.ReadEvents(0, EventFilter.All, 100_000);
        Assert.Equal(Tasks, events.Count(e => e.Type == EventTypes.TaskClaimed));
        Assert.Equal(Tasks, events.Where(e => e.Type == EventTypes.TaskClaimed).Select(e => e.TaskId).Distinct().Count());
        Assert.Equal(Tasks, events.Where(e => e.Type == EventTypes.TaskCompleted).Select(e => e.TaskId).Distinct().Count());
        Assert.Equal(Tasks, events.Count(e => e.Type == EventTypes.TaskCompleted));
        Assert.Equal(events.Select(e => e.Sequence).Order(), events.Select(e => e.Sequence));
    }
}
