using System.Text.Json;
using Microsoft.Extensions.Options;
using Qonduit.Server.Events;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>
/// Announces an agent going stale: one `agent.stale` event and one `task.stale` per task it runs, once per
/// episode (a heartbeat ends the episode). Once the agent has been stale for the grace period, it takes back its
/// running tasks whose jobs do not outlive it (requeued as owner-stale, or failed as task.agent-lost on the last attempt).
/// </summary>
public sealed class AgentStaleMonitor(
    IControlPlaneStore store, EventHub hub, AgentLiveness liveness, TaskLedger ledger, TimeProvider time, IOptions<ServerOptions> options) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StaleScanInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await ScanAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One pass; public so tests drive it without waiting for the timer.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        foreach (var candidate in store.ListAgents().Where(a => !a.StaleReported && liveness.IsStale(a)))
        {
            await store.WriteAsync(w =>
            {
                var agent = w.GetAgent(candidate.AgentId);
                if (agent is null || agent.StaleReported || !liveness.IsStale(agent)) return 0;
                var now = time.GetUtcNow();
                w.SaveAgent(agent with { StaleReported = true });
                var owned = store.ListTasks(new TaskQuery(State: TaskState.Running, Owner: agent.AgentId, Limit: 10_000));
                w.Append(new NewEvent(EventTypes.AgentStale, null, null, null, JsonSerializer.Serialize(
                    new { agentId = agent.AgentId, lastHeartbeat = agent.LastHeartbeat, ownedTasks = owned.Select(t => t.Id) }, Json)), now);
                foreach (var task in owned)
                {
                    w.Append(new NewEvent(EventTypes.TaskStale, task.Id, task.Device, task.Tenant, JsonSerializer.Serialize(
                        new { taskId = task.Id, owner = agent.AgentId, lastHeartbeat = agent.LastHeartbeat }, Json)), now);
                }
                return owned.Count;
            }, hub.Publish, cancellationToken).ConfigureAwait(false);
        }
        foreach (var lost in store.ListAgents().Where(a => liveness.IsLost(a)
                     && store.ListTasks(new TaskQuery(State: TaskState.Running, Owner: a.AgentId, Limit: 1)).Count > 0))
            await ledger.RequeueOrphansAsync(lost.AgentId, liveness.IsLost, cancellationToken).ConfigureAwait(false);
    }
}
