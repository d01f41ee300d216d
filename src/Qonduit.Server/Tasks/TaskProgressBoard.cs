using System.Collections.Concurrent;
using System.Text.Json;
using Qonduit.Contracts;
using Qonduit.Contracts.Tasks;
using Qonduit.Server.Events;

namespace Qonduit.Server.Tasks;

/// <summary>
/// The latest progress each agent's heartbeat reported per task, in memory only: progress is advisory, so a restart
/// loses it until the next heartbeat (docs/architecture.md "Progress"). An entry counts only for the agent that owns the
/// task now and only if it arrived after the claim, so a requeued task never shows its previous attempt's progress.
/// Entries of tasks an agent stops listing are dropped, which bounds the board by the tasks agents hold.
/// <para>
/// The estimate of the time left is the pace seen since the first report of the current phase (by the runner's
/// timestamps, so heartbeat jitter does not skew it). A change is published as a transient `task.progress` event,
/// at most once per task per <see cref="PublishInterval"/>: not stored, so never replayed, and sent without an `id:`.
/// </para>
/// </summary>
public sealed class TaskProgressBoard(TimeProvider time, EventHub hub, IControlPlaneStore store)
{
    public static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, Entry> _latest = new();

    public void Record(string agentId, IReadOnlySet<Guid> listed, IReadOnlyDictionary<Guid, TaskProgress> progress)
    {
        var now = time.GetUtcNow();
        foreach (var (id, reported) in progress)
        {
            var at = reported.At ?? now;
            var line = reported with { At = at, EtaSeconds = null };
            var previous = _latest.GetValueOrDefault(id);
            var samePhase = previous is not null && previous.AgentId == agentId && previous.Line.Phase == line.Phase
                && previous.Line.Total == line.Total && previous.PhaseStart.At <= at && previous.PhaseStart.Done <= line.Done;
            var entry = new Entry(line, agentId, now, samePhase ? previous!.PhaseStart : (line.Done, at), previous?.Published);
            var changed = previous is null || previous.Line with { At = null } != line with { At = null };
            if (changed && (previous?.Published is not { } published || now - published >= PublishInterval)
                && Publish(id, agentId, entry, now))
                entry = entry with { Published = now };
            _latest[id] = entry;
        }
        foreach (var entry in _latest)
        {
            if (entry.Value.AgentId == agentId && !listed.Contains(entry.Key)) _latest.TryRemove(entry);
        }
    }

    public TaskProgress? Of(TaskRecord task) =>
        task.State == TaskState.Running && _latest.TryGetValue(task.Id, out var entry) && entry.AgentId == task.Owner && entry.Received >= task.ClaimedAt
            ? entry.View()
            : null;

    /// <summary>Only for the owner's running task, with the tenant and device that decide who sees it on the stream.</summary>
    private bool Publish(Guid id, string agentId, Entry entry, DateTimeOffset now)
    {
        if (store.GetTask(id) is not { State: TaskState.Running } task || task.Owner != agentId) return false;
        hub.Publish([new EventRecord(TransientEvents.Sequence, TransientEvents.TaskProgress, id, task.Device, task.Tenant, now,
            JsonSerializer.Serialize(entry.View(), WireJson.Default.TaskProgress))]);
        return true;
    }

    private sealed record Entry(TaskProgress Line, string AgentId, DateTimeOffset Received, (long Done, DateTimeOffset At) PhaseStart, DateTimeOffset? Published)
    {
        public TaskProgress View() => Line with { EtaSeconds = Eta() };

        private double? Eta()
        {
            if (Line.Done == Line.Total) return 0;
            var seconds = (Line.At!.Value - PhaseStart.At).TotalSeconds;
            var done = Line.Done - PhaseStart.Done;
            return done > 0 && seconds > 0 ? (Line.Total - Line.Done) * seconds / done : null;
        }
    }
}
