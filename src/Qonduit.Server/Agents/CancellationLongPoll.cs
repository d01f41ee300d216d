using Qonduit.Contracts.Agents;
using Qonduit.Server.Events;

namespace Qonduit.Server.Agents;

/// <summary>
/// HEARTBEAT as a long poll for cancellations and interrupts: when the heartbeat's answer lets nothing go, it waits (up
/// to the agent's wait) for a `task.cancelled` or `task.interrupted` event of a task the agent listed and answers with
/// it, so a cancelled or reclaimed job is stopped within milliseconds rather than at the agent's next heartbeat. The
/// subscription is taken before the heartbeat is applied, so an event committed in between is not missed. An answer
/// that already names an interrupt is given at once, as one that lets a task go: the server cannot tell whether the
/// agent has acted on it (the agent interrupts a job only once), and while the task waits out its reclaim grace the
/// agent's heartbeats still start an interval apart.
/// </summary>
public sealed class CancellationLongPoll(EventHub hub, TimeProvider time, IHostApplicationLifetime lifetime)
{
    private const int QueueCapacity = 64;

    private static readonly EventFilter Stops = new(Types: [EventTypes.TaskCancelled, EventTypes.TaskInterrupted]);

    public EventHub.Subscription Watch() => hub.Subscribe(Stops, QueueCapacity);

    /// <returns><paramref name="answer"/>, with the listed tasks cancelled or interrupted while it waited.</returns>
    public async Task<HeartbeatResponse> WaitAsync(
        EventHub.Subscription watch, HeartbeatResponse answer, IReadOnlySet<Guid> listed, TimeSpan wait, CancellationToken requestAborted)
    {
        if (wait <= TimeSpan.Zero || listed.Count == 0 || answer.Cancelled.Count > 0 || answer.Unknown.Count > 0 || answer.Interrupted is { Count: > 0 })
            return answer;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        using var deadline = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, deadline.Token);
        var cancelled = new List<Guid>();
        var interrupted = new List<Guid>();
        try
        {
            while (cancelled.Count == 0 && interrupted.Count == 0 && await watch.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false))
            {
                while (watch.Reader.TryRead(out var e))
                {
                    if (e.TaskId is not { } id || !listed.Contains(id)) continue;
                    Add(e.Type == EventTypes.TaskCancelled ? cancelled : interrupted, id);
                }
            }
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // The wait is over, the agent went away or the server is stopping: the answer as it stands.
        }
        if (cancelled.Count == 0 && interrupted.Count == 0) return answer;
        // A task cancelled after its interrupt is let go, not interrupted again.
        return answer with { Cancelled = cancelled, Interrupted = [.. interrupted.Except(cancelled)] };
    }

    private static void Add(List<Guid> ids, Guid id)
    {
        if (!ids.Contains(id)) ids.Add(id);
    }
}
