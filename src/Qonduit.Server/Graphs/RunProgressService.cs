using System.Collections.Immutable;

namespace Qonduit.Server.Graphs;

/// <summary>
/// Keeps runs moving without anyone asking: the ends of attempts' tasks advance their runs at once (from the event
/// stream, all ends waiting there at a time in one step per run), retries start when due, and a reconciling sweep —
/// at start, after this subscriber lagged and was dropped, and every <see cref="ReconcileInterval"/> — settles whatever
/// the stream did not deliver: attempts that ended while the server was down, or while this subscriber lagged.
/// </summary>
public sealed partial class RunProgressService(RunEngine engine, Events.EventHub hub, TimeProvider time, ILogger<RunProgressService> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(10);

    /// <summary>Set when the stream dropped this subscriber: the next sweep reconciles.</summary>
    private volatile bool _missed = true;

    private static readonly ImmutableArray<string> Ends = [EventTypes.TaskCompleted, EventTypes.TaskFailed, EventTypes.TaskCancelled];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Guarded(SweepLoopAsync, stoppingToken), Guarded(EndsLoopAsync, stoppingToken));

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var reconciled = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var reconcile = _missed || time.GetUtcNow() - reconciled >= ReconcileInterval;
            if (reconcile) (_missed, reconciled) = (false, time.GetUtcNow());
            await engine.SweepAsync(reconcile, stoppingToken).ConfigureAwait(false);
            var wait = SweepInterval;
            if (engine.NextDueAt is { } due && due - time.GetUtcNow() < wait) wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task EndsLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            using var subscription = hub.Subscribe(new EventFilter(Types: Ends), capacity: 4096);
            var ended = new HashSet<Guid>();
            while (await subscription.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (ended.Count < 4096 && subscription.Reader.TryRead(out var end))
                    if (end.TaskId is { } task) ended.Add(task);
                await engine.TasksEndedAsync(ended, stoppingToken).ConfigureAwait(false);
                ended.Clear();
            }
            // Evicted for lagging: subscribe again; the next sweep reconciles what was missed.
            _missed = true;
        }
    }

    private async Task Guarded(Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loop(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A run that cannot advance (a store error) must not stop every other run's progress: log, pause, go on.
                LogFailed(logger, e);
                await Task.Delay(SweepInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "advancing runs failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
