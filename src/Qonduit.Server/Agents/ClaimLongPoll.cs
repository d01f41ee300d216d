using System.Collections.Immutable;
using Qonduit.Server.Consumers;
using Qonduit.Server.Placement;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>
/// CLAIM as a long poll: one claim attempt, then, while nothing the agent may run is queued, a wait for the next
/// submission or requeue (<see cref="WorkSignal"/>) and another attempt, until the wait is over. Each attempt offers the
/// requirement task <see cref="ClaimPlacement"/> chose for this agent; while a better lane's grace runs, the wait ends
/// when the grace does, so the task is not left waiting for the next submission.
/// </summary>
public sealed class ClaimLongPoll(TaskLedger ledger, ClaimPlacement placement, ClaimOrdering ordering, WorkSignal work, TimeProvider time, IHostApplicationLifetime lifetime)
{
    /// <returns>The claimed task, or null when none arrived within <paramref name="wait"/>, the agent went away or the server is stopping.</returns>
    public async Task<ClaimedTask?> ClaimAsync(AgentCall call, int capacity, ImmutableArray<string> devices, TimeSpan wait, CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var deadline = time.GetUtcNow() + wait;
        try
        {
            while (true)
            {
                // Taken before the attempt, so work that arrives during it wakes the wait that follows.
                var arrived = work.Next;
                var order = ordering.Now();
                var choice = placement.Choose(call.AgentId, devices, order);
                if (await ledger.TryClaimAsync(call, capacity, devices, choice.Task, order, stop.Token).ConfigureAwait(false) is { } claimed) return claimed;
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero) return null;
                if (choice.RetryAfter is { } retry && retry < remaining)
                {
                    try
                    {
                        await arrived.WaitAsync(retry, time, stop.Token).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // The grace ran out: the next attempt may take the task.
                    }
                    continue;
                }
                await arrived.WaitAsync(remaining, time, stop.Token).ConfigureAwait(false);
            }
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A long poll cut short is an ordinary "no work" (a claim write withdrawn by the cancellation committed
            // nothing), not an error to log.
            return null;
        }
    }
}
