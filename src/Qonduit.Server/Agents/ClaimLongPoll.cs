using System.Collections.Immutable;
using Qonduit.Server.Consumers;
using Qonduit.Server.Placement;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Agents;

/// <summary>
/// CLAIM as a long poll: one claim attempt, then, while nothing the agent may run is queued, a wait for the next
/// submission or requeue (<see cref="WorkSignal"/>) and another attempt, until the wait is over. Each attempt offers the
/// requirement task <see cref="ClaimPlacement"/> chose for this agent; while a better lane's grace runs, the wait ends
/// when the grace does, so the task is not left waiting for the next submission. A claim for several tasks takes them in
/// one transaction, except where fair share caps consumers (some consumer owns slots): there it takes one, since the caps
/// it orders by were read before the transaction and each task it took would move them.
/// </summary>
public sealed class ClaimLongPoll(TaskLedger ledger, ClaimPlacement placement, ClaimOrdering ordering, WorkSignal work, TimeProvider time, IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// What one claim attempt takes, read before its transaction: fair share's order and caps, the requirement task placement
    /// offers this agent, and how many tasks (one where some consumer owns slots); and when a better lane's grace ends.
    /// </summary>
    public (ClaimSpec Spec, TimeSpan? RetryAfter) Prepare(AgentCall call, int capacity, int max, ImmutableArray<string> devices)
    {
        var order = ordering.Now();
        var choice = placement.Choose(call.AgentId, devices, order);
        return (new ClaimSpec(capacity, devices, order.Standing is { AnyOwnership: true } ? 1 : max, choice.Task, order), choice.RetryAfter);
    }

    /// <returns>The claimed tasks (up to <paramref name="max"/>), or none when none arrived within <paramref name="wait"/>, the agent
    /// went away or the server is stopping.</returns>
    public async Task<IReadOnlyList<ClaimedTask>> ClaimAsync(
        AgentCall call, int capacity, int max, ImmutableArray<string> devices, TimeSpan wait, CancellationToken requestAborted)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var deadline = time.GetUtcNow() + wait;
        try
        {
            while (true)
            {
                // Taken before the attempt, so work that arrives during it wakes the wait that follows.
                var arrived = work.Next;
                var (spec, retryAfter) = Prepare(call, capacity, max, devices);
                var claimed = await ledger.TryClaimAsync(call, spec.Capacity, spec.Devices, spec.Placed, spec.Order, spec.Max, stop.Token).ConfigureAwait(false);
                if (claimed.Count > 0) return claimed;
                var remaining = deadline - time.GetUtcNow();
                if (remaining <= TimeSpan.Zero) return [];
                if (retryAfter is { } retry && retry < remaining)
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
            return [];
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // A long poll cut short is an ordinary "no work" (a claim write withdrawn by the cancellation committed
            // nothing), not an error to log.
            return [];
        }
    }
}
