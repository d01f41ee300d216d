using System.Text.Json;
using Qonduit.Server.Events;

namespace Qonduit.Server.Resources;

/// <summary>
/// Sweeps the <see cref="LoadIndexBoard"/> every <see cref="TickInterval"/> and announces each reported value that crossed
/// from fresh to stale (`loadindex.stale`) or back (`loadindex.fresh`) as a durable event, so staleness is flagged at
/// most one tick (plus a store write) after it is due. Values past 10 intervals are dropped by the same sweep.
/// </summary>
public sealed class LoadIndexStaleMonitor(LoadIndexBoard board, IControlPlaneStore store, EventHub hub, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One sweep; public so tests drive it without waiting for the timer.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var changes = board.Sweep(now);
        if (changes.Count == 0) return;
        await store.WriteAsync(w =>
        {
            foreach (var change in changes)
            {
                var data = JsonSerializer.Serialize(new
                {
                    resource = change.Resource,
                    index = change.Name,
                    lastValue = change.Sample.Value.Text is { } text ? (object)text : change.Sample.Value.Number,
                    receivedAt = change.Sample.ReceivedAt,
                    intervalMs = (long)change.Sample.Interval.TotalMilliseconds,
                }, Json);
                w.Append(new NewEvent(change.Stale ? EventTypes.LoadIndexStale : EventTypes.LoadIndexFresh, null, null, null, data), now);
            }
            return changes.Count;
        }, hub.Publish, cancellationToken).ConfigureAwait(false);
    }
}
