using Qonduit.Server.Agents;

namespace Qonduit.Server.Tasks;

/// <summary>
/// How running tasks follow their owner's signs of life (docs/architecture.md "Losing the owner"): the rules are
/// <see cref="TaskAutomaton.Sighting"/>'s; here they are applied, each inside the one transaction of the heartbeat,
/// claim or scan that revealed them.
/// </summary>
public sealed partial class TaskLedger
{
    /// <summary>
    /// HEARTBEAT: refused 403 when the agent id is bound to another key. Otherwise records it, applies to every running
    /// task of the agent what this heartbeat means for it (adopted, omission counted or cleared, requeued), and answers
    /// which of the listed tasks were cancelled, which the agent no longer owns, and which fair share interrupts (reclaim).
    /// </summary>
    /// <param name="interval">The agent's heartbeat interval: a heartbeat sooner than this after a claim may predate it.</param>
    public async Task<HeartbeatResponse> HeartbeatAsync(AgentCall call, IReadOnlyCollection<Guid> listed, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var (answer, refused, requeued) = await store.WriteAsync(w =>
        {
            var now = time.GetUtcNow();
            var known = w.GetAgent(call.AgentId);
            if (AgentBinding.Refusal(known, call, "heartbeat", null) is { } refusal)
            {
                w.Append(refusal.Evidence!, now);
                return ((HeartbeatResponse?)null, (TransitionOutcome.Refused?)refusal, 0);
            }
            w.SaveAgent(AgentBinding.Touch(known, call, now) with { Incarnation = call.Incarnation });
            var lost = 0;
            foreach (var task in w.RunningTasksOf(call.AgentId))
            {
                if (TaskAutomaton.Sighting(task, call.Incarnation, listed.Contains(task.Id), interval, now) is not { } sighting) continue;
                if (Record(w, task, sighting, now) is TransitionOutcome.Applied { Task.State: TaskState.Queued }) lost++;
            }
            var cancelled = new List<Guid>();
            var unknown = new List<Guid>();
            var interrupted = new List<Guid>();
            foreach (var id in listed)
            {
                var task = w.GetTask(id);
                if (task is null || task.Owner != call.AgentId) unknown.Add(id);
                else if (task.State == TaskState.Cancelled) cancelled.Add(id);
                else if (task.State != TaskState.Running) unknown.Add(id);
                else if (task.InterruptedAt is not null) interrupted.Add(id);
            }
            return ((HeartbeatResponse?)new HeartbeatResponse(cancelled, unknown, Interrupted: interrupted), (TransitionOutcome.Refused?)null, lost);
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (refused is not null) throw new RefusedException(refused.Refusal);
        if (requeued > 0) work.Pulse();
        return answer!;
    }

    /// <summary>
    /// Takes back, for the agent <paramref name="ownerId"/> while <paramref name="lost"/> holds for it (re-checked inside the
    /// transaction), every running task whose job does not outlive it: requeued as owner-stale, or failed on its last attempt.
    /// </summary>
    public async Task<int> RequeueOrphansAsync(string ownerId, Func<AgentRecord, bool> lost, CancellationToken cancellationToken = default)
    {
        var requeued = await store.WriteAsync(w =>
        {
            if (w.GetAgent(ownerId) is not { } owner || !lost(owner)) return 0;
            var now = time.GetUtcNow();
            var count = 0;
            foreach (var task in w.RunningTasksOf(ownerId).Where(t => !t.SurvivesAgent))
            {
                if (Record(w, task, new TaskOperation.RequeueLost(LossReason.OwnerStale), now) is TransitionOutcome.Applied { Task.State: TaskState.Queued }) count++;
            }
            return count;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
        if (requeued > 0) work.Pulse();
        return requeued;
    }

    /// <summary>A new incarnation of the agent claims: it holds none of the tasks an earlier one claimed (it would have listed them in a heartbeat first).</summary>
    private static int ReclaimFromEarlierIncarnations(IStoreWriter w, AgentCall call, DateTimeOffset now)
    {
        var lost = 0;
        foreach (var task in w.RunningTasksOf(call.AgentId).Where(t => t.OwnerIncarnation != call.Incarnation))
        {
            if (Record(w, task, new TaskOperation.RequeueLost(LossReason.AgentRestarted), now) is TransitionOutcome.Applied { Task.State: TaskState.Queued }) lost++;
        }
        return lost;
    }
}
