using System.Collections.Concurrent;
using Qonduit.Contracts.Tasks;

namespace Qonduit.Server.Tasks;

/// <summary>
/// The latest progress each agent's heartbeat reported per task, in memory only: progress is advisory, so a restart
/// loses it until the next heartbeat (docs/architecture.md "Progress"). An entry counts only for the agent that owns the
/// task now and only if it arrived after the claim, so a requeued task never shows its previous attempt's progress.
/// Entries of tasks an agent stops listing are dropped, which bounds the board by the tasks agents hold.
/// </summary>
public sealed class TaskProgressBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Entry> _latest = new();

    public void Record(string agentId, IReadOnlySet<Guid> listed, IReadOnlyDictionary<Guid, TaskProgress> progress)
    {
        var now = time.GetUtcNow();
        foreach (var (id, reported) in progress) _latest[id] = new Entry(reported, agentId, now);
        foreach (var entry in _latest)
        {
            if (entry.Value.AgentId == agentId && !listed.Contains(entry.Key)) _latest.TryRemove(entry);
        }
    }

    public TaskProgress? Of(TaskRecord task) =>
        task.State == TaskState.Running && _latest.TryGetValue(task.Id, out var entry) && entry.AgentId == task.Owner && entry.At >= task.ClaimedAt
            ? entry.Progress
            : null;

    private sealed record Entry(TaskProgress Progress, string AgentId, DateTimeOffset At);
}
