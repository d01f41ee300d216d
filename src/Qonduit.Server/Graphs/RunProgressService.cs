using System.Collections.Immutable;

namespace Qonduit.Server.Graphs;

/// <summary>
/// Keeps runs moving without anyone asking: the end of an attempt's task advances its run at once (from the event
/// stream), retries start when due, and a sweep every <see cref="SweepInterval"/> — the first one at start — settles
/// whatever the stream did not deliver: attempts that ended while the server was down, or while this subscriber lagged.
/// </summary>
public sealed partial class RunProgressService(RunEngine engine, Events.EventHub hub, TimeProvider time, ILogger<RunProgressService> logger) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(250);

    private static readonly ImmutableArray<string> Ends = [EventTypes.TaskCompleted, EventTypes.TaskFailed, EventTypes.TaskCancelled];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Guarded(SweepLoopAsync, stoppingToken), Guarded(EndsLoopAsync, stoppingToken));

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await engine.SweepAsync(stoppingToken).ConfigureAwait(false);
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
            await foreach (var ended in subscription.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                if (ended.TaskId is { } task) await engine.TaskEndedAsync(task, stoppingToken).ConfigureAwait(false);
            // Evicted for lagging: subscribe again; the sweep settles what was missed.
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
