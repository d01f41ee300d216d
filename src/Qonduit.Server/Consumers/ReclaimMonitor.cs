using Microsoft.Extensions.Options;
using Qonduit.Placement.FairShare;
using Qonduit.Server.Agents;
using Qonduit.Server.Problems;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Consumers;

/// <summary>
/// Reclaim (docs/orchestration.md §3), every <see cref="ServerOptions.ReclaimInterval"/> while some consumer owns slots:
/// in each owned pool where an owner with demand runs fewer tasks than it is allocated, the borrowed tasks
/// <see cref="Reclaim.Choose"/> picks (newest first) are interrupted (`task.interrupted`; their agents stop the runs);
/// an interrupted task is requeued, its attempt unchanged, when its run fails (the automaton) or once the pool's reclaim
/// grace has passed. Each tick also wakes waiting claims, since a consumer below its cap again may now take work.
/// </summary>
public sealed partial class ReclaimMonitor(
    FairShareBoard board, ConsumerCaps caps, TaskLedger ledger, WorkSignal work, TimeProvider time,
    IOptions<ServerOptions> options, ILogger<ReclaimMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReclaimInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                TickFailed(logger, e);
            }
        }
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var standing = board.Standing;
        if (!standing.AnyOwnership) return;
        var now = time.GetUtcNow();
        foreach (var plan in caps.Plans(standing))
        {
            var grace = Grace(standing.Tree, plan.Pool);
            foreach (var run in plan.Running.Where(r => r.InterruptedAt is { } at && now - at >= grace))
                await TryAsync(run.TaskId, new TaskOperation.RequeueReclaim(), cancellationToken).ConfigureAwait(false);
            var borrowed = plan.Running.Where(r => r.InterruptedAt is null).Select(r => new RunningTask(r.TaskId, standing.LeafOf(r.Consumer), r.ClaimedAt)).ToList();
            var owner = Owners(standing, plan).FirstOrDefault() ?? plan.Pool;
            foreach (var victim in Reclaim.Choose(standing.Tree, plan.Pool, plan.Allocation, borrowed))
            {
                if (await TryAsync(victim.TaskId, new TaskOperation.Interrupt(owner), cancellationToken).ConfigureAwait(false))
                    Interrupted(logger, victim.TaskId, victim.Consumer, plan.Pool, owner);
            }
        }
        work.Pulse();
    }

    /// <summary>The leaves in shortfall: owners running fewer tasks here than they are allocated.</summary>
    private static IEnumerable<string> Owners(FairShareStanding standing, PoolPlan plan)
    {
        var running = plan.RunningPerLeaf(standing);
        return plan.Allocation.Where(a => a.Value > running.GetValueOrDefault(a.Key) && Reclaim.OwnsIn(standing.Tree, a.Key, plan.Pool))
            .Select(a => a.Key).Order(StringComparer.Ordinal);
    }

    /// <summary>The pool's reclaim grace: the longest any of its owners grants (borrowers of any owner's slots get as long).</summary>
    private static TimeSpan Grace(ConsumerNode tree, string pool) =>
        tree.Descendants().Select(d => d.Node.Pools.GetValueOrDefault(pool)).Where(p => p is { Owned: > 0 }).Select(p => p!.ReclaimGrace).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>Applies an operation that may have been overtaken (the task ended or moved on): false then.</summary>
    private async Task<bool> TryAsync(Guid taskId, TaskOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await ledger.ApplyAsync(taskId, (_, _) => operation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RefusedException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "reclaim: task {TaskId} of {Consumer} interrupted in pool {Pool} for {Owner}")]
    private static partial void Interrupted(ILogger logger, Guid taskId, string consumer, string pool, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "reclaim tick failed; the next tick tries again")]
    private static partial void TickFailed(ILogger logger, Exception e);
}
