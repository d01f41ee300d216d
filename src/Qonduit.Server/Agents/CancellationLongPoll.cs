using Qonduit.Contracts.Agents;
using Qonduit.Server.Events;

namespace Qonduit.Server.Agents;

/// <summary>
/// HEARTBEAT as a long poll for cancellations: when the heartbeat's answer lets nothing go, it waits (up to the
/// agent's wait) for a `task.cancelled` event of a task the agent listed and answers with it, so a cancelled job stops
/// within milliseconds rather than at the agent's next heartbeat. The subscription is taken before the heartbeat is
/// applied, so a cancel committed in between is not missed.
/// </summary>
public sealed class CancellationLongPoll(EventHub hub, TimeProvider time, IHostApplicationLifetime lifetime)
{
    private const int QueueCapacity = 64;

    private static readonly EventFilter Cancellations = new(Types: [EventTypes.TaskCancelled]);

    public EventHub.Subscription Watch() => hub.Subscribe(Cancellations, QueueCapacity);

    /// <returns><paramref name="answer"/>, with the listed tasks cancelled while it waited.</returns>
    public async Task<HeartbeatResponse> WaitAsync(
        EventHub.Subscription watch, HeartbeatResponse answer, IReadOnlySet<Guid> listed, TimeSpan wait, CancellationToken requestAborted)
    {
        if (wait <= TimeSpan.Zero || listed.Count == 0 || answer.Cancelled.Count > 0 || answer.Unknown.Count > 0) return answer;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        using var deadline = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, deadline.Token);
        var cancelled = new List<Guid>();
        try
        {
            while (cancelled.Count == 0 && await watch.Reader.WaitToReadAsync(either.Token).ConfigureAwait(false))
            {
                while (watch.Reader.TryRead(out var e))
                {
                    if (e.TaskId is { } id && listed.Contains(id) && !cancelled.Contains(id)) cancelled.Add(id);
                }
            }
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // The wait is over, the agent went away or the server is stopping: the answer as it stands.
        }
        return cancelled.Count == 0 ? answer : answer with { Cancelled = cancelled };
    }
}
