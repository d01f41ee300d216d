using System.Net.Http.Json;
using System.Text.Json;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;

namespace Qonduit.Server.Tests.Events;

/// <summary>How `/v1/events` answers before any event, what it refuses, and what an agent key may see on it.</summary>
public sealed class EventsProtocolTests
{
    [Fact]
    public async Task An_idle_stream_answers_status_and_headers_at_once_without_an_event_or_keep_alive()
    {
        // The manual clock never advances, so no keep-alive is due: only the headers can complete the request.
        await using var host = await ControlPlaneHost.StartAsync(registerLine: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
        using var response = await host.Admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));

        await Expect.StatusAsync(response, 200);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_invalid_last_event_id_gets_the_same_code_in_the_header_and_in_the_query()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        foreach (var bad in (string[])["abc", "1.5", "-3", "99999999999999999999999"])
        {
            using var header = new HttpRequestMessage(HttpMethod.Get, "/v1/events");
            header.Headers.Add("Last-Event-ID", bad);
            await Expect.ProblemAsync(await host.Alice.SendAsync(header), 400, ErrorCodes.Events.InvalidLastEventId);
            await Expect.ProblemAsync(await host.Alice.GetAsync($"/v1/events?lastEventId={Uri.EscapeDataString(bad)}"), 400, ErrorCodes.Events.InvalidLastEventId);
        }
    }

    [Fact]
    public async Task An_agent_key_sees_device_events_and_the_events_of_its_own_agents_tasks_only()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var otherAgentKey = await host.ClientAsync("other-agents", ApiKeyRole.Agent);
        var mine = await host.SubmitAsync(host.Alice);
        var theirs = await host.SubmitAsync(host.Alice);
        await host.SubmitAsync(host.Bob);
        Assert.Equal(mine.Id, (await host.ClaimAsync("agent-1")).Task.Id);
        Assert.Equal(theirs.Id, (await host.ClaimAsync("agent-2", client: otherAgentKey)).Task.Id);

        await using var stream = await SseReader.OpenAsync(host, host.Agent, "/v1/events", lastEventId: 0);
        var replayed = await stream.TakeAsync(3);
        Assert.Equal([EventTypes.DeviceRegistered, EventTypes.TaskQueued, EventTypes.TaskClaimed], replayed.Select(i => i.EventType));
        Assert.All(replayed.Skip(1), item => Assert.Equal(mine.Id, TaskOf(item.Data)));

        // Live: the other key's report comes first in store order, so had it been shown it would be read first.
        await Expect.StatusAsync(await otherAgentKey.PostAsJsonAsync($"/v1/tasks/{theirs.Id}/running", new { agentId = "agent-2" }), 200);
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{mine.Id}/running", new { agentId = "agent-1" }), 200);
        var live = (await stream.NextAsync())!.Value;
        Assert.Equal(EventTypes.TaskRunning, live.EventType);
        Assert.Equal(mine.Id, TaskOf(live.Data));
    }

    [Fact]
    public async Task A_user_sees_device_events_and_their_own_tasks_but_not_the_agents_and_keys_behind_them()
    {
        await using var host = await ControlPlaneHost.StartAsync();
        var otherAgentKey = await host.ClientAsync("other-agents", ApiKeyRole.Agent);
        var mine = await host.SubmitAsync(host.Alice);
        Assert.Equal(mine.Id, (await host.ClaimAsync("agent-1")).Task.Id);
        // Another key using agent-1's id: refused, and recorded as `agent.impersonation` naming both keys.
        await Expect.ProblemAsync(await otherAgentKey.PostAsJsonAsync("/v1/agent/heartbeat", new { agentId = "agent-1" }), 403, "agent.id-bound-to-other-key");
        Assert.Contains(host.Store.ReadEvents(0, EventFilter.All, 100), e => e.Type == EventTypes.AgentImpersonation);

        await using var stream = await SseReader.OpenAsync(host, host.Alice, "/v1/events", lastEventId: 0);
        var replayed = await stream.TakeAsync(3);
        Assert.Equal([EventTypes.DeviceRegistered, EventTypes.TaskQueued, EventTypes.TaskClaimed], replayed.Select(i => i.EventType));
        await Expect.StatusAsync(await host.Agent.PostAsJsonAsync($"/v1/tasks/{mine.Id}/running", new { agentId = "agent-1" }), 200);
        // The impersonation event sits between the claim and this one in store order: had it been shown, it would come first.
        Assert.Equal(EventTypes.TaskRunning, (await stream.NextAsync())!.Value.EventType);
    }

    private static Guid TaskOf(string data) => JsonDocument.Parse(data).RootElement.GetProperty("taskId").GetGuid();
}
