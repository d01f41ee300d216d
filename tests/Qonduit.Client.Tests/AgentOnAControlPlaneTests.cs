using System.Net;
using Qonduit.Agent;
using Qonduit.Agent.ControlPlane;
using Qonduit.Scheduling.InProcess;
using Qonduit.Server.Auth;
using Qonduit.Server.Tests.Infrastructure;
using Qonduit.Storage;
using Qonduit.Tests.Shared.Storage;

namespace Qonduit.Client.Tests;

/// <summary>The whole agent (its worker, the HTTP adapter, in-process runs) against the real control plane in process.</summary>
public sealed class AgentOnAControlPlaneTests
{
    /// <summary>Counts the claims the server answered with tasks, by endpoint.</summary>
    private sealed class ClaimCounter : DelegatingHandler
    {
        public int ClaimCalls;

        public int ReportCalls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/v1/agent/claim" && response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref ClaimCalls);
            if (path == "/v1/agent/reports") Interlocked.Increment(ref ReportCalls);
            return response;
        }
    }

    [Fact]
    public async Task An_agent_that_finishes_a_task_claims_the_next_with_its_report_and_holds_no_more_tasks_than_slots()
    {
        await using var host = await ControlPlaneHost.StartAsync(StoreKind.Sqlite);
        var queued = new List<Guid>();
        for (var i = 0; i < 4; i++) queued.Add((await host.SubmitAsync(shots: 10)).Id);
        var key = await host.KeyAsync("agent", ApiKeyRole.Agent);
        var counter = new ClaimCounter();
        var root = Directory.CreateTempSubdirectory("qonduit-agent-");
        using var scheduler = new InProcessScheduler(new InProcessSchedulerOptions { MaxConcurrent = 1 });
        var agent = new AgentWorker(new HttpControlPlane(host.WithKey(key, counter), key, "agent-1"), scheduler, new AgentOptions
        {
            AgentId = "agent-1", Slots = 1, RunRoot = root.FullName, HeartbeatInterval = TimeSpan.FromHours(1),
        });
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => agent.RunAsync(stop.Token));

        await Eventually.TrueAsync(() => queued.All(id => host.Store.GetTask(id)!.State == TaskState.Completed), "every task to complete");
        // The queue ran dry: a task submitted now is the long poll's again, so the slot the last report freed is seen free.
        var later = (await host.SubmitAsync(shots: 10)).Id;
        await Eventually.TrueAsync(() => host.Store.GetTask(later)!.State == TaskState.Completed, "a task submitted after the queue ran dry to complete");
        await stop.CancelAsync();
        await run;
        root.Delete(recursive: true);

        // One long-poll claim took the first task, each completion's report took the next in the same call, and the long
        // poll took the last.
        Assert.Equal(2, counter.ClaimCalls);
        Assert.True(counter.ReportCalls >= queued.Count, $"{counter.ReportCalls} calls of reports");
        // One slot: no task was claimed before the one before it had completed.
        var turns = host.Store.ReadEvents(0, new EventFilter(Types: [EventTypes.TaskClaimed, EventTypes.TaskCompleted]), 100).Select(e => (e.Type, e.TaskId!.Value));
        Assert.Equal(queued.Append(later).SelectMany(id => new[] { (EventTypes.TaskClaimed, id), (EventTypes.TaskCompleted, id) }), turns);
    }
}
