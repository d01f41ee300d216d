using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Qonduit.Server.Consumers;
using Qonduit.Server.Leases;
using Qonduit.Server.Placement;
using Qonduit.Storage;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench claims --breakdown`: where a claim's time goes on the queue the benchmark built, each part of the claim
/// path called alone on the server's own services, one after another (no agent claims meanwhile), median of 200 calls:
/// the caps (running tasks, queued demand, allocation), the fair-share order (queued consumers, each consumer's head) and
/// placement's look at requirement tasks.
/// </summary>
internal static class ClaimBreakdown
{
    private const int Calls = 200;

    public static async Task PrintAsync(WebApplication app, string device, CancellationToken cancellationToken)
    {
        var services = app.Services;
        var store = services.GetRequiredService<IControlPlaneStore>();
        var board = services.GetRequiredService<FairShareBoard>();
        var caps = services.GetRequiredService<ConsumerCaps>();
        var ordering = services.GetRequiredService<ClaimOrdering>();
        var placement = services.GetRequiredService<ClaimPlacement>();
        var time = services.GetRequiredService<TimeProvider>();
        ImmutableArray<string> devices = [device];
        var standing = board.Standing;
        var order = ordering.Now();
        var consumers = await store.WriteAsync(w => w.QueuedConsumers(), cancellationToken: cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"  breakdown (median of {Calls} calls each, {consumers.Count} consumers queued, {order.Capped.Count} capped: " +
            $"{string.Join(", ", order.Capped.Keys.Order(StringComparer.Ordinal))})");
        Time("caps: store.RunningCharges()", () => store.RunningCharges());
        Time($"caps: store.QueuedDemand(\"{device}\")", () => store.QueuedDemand(device));
        Time("caps: ConsumerCaps.Capped (all of the above + allocation)", () => caps.Capped(standing));
        Time("ClaimOrdering.Now() (standing + caps)", () => ordering.Now());
        await TimeAsync("order: an empty write transaction", _ => 0).ConfigureAwait(false);
        await TimeAsync("order: w.QueuedConsumers() (loose index scan)", w => w.QueuedConsumers()).ConfigureAwait(false);
        await TimeAsync("order: w.NextQueued(devices) (plain head)", w => w.NextQueued(devices, null)).ConfigureAwait(false);
        foreach (var consumer in consumers)
        {
            var capped = order.CappedFor(consumer);
            await TimeAsync($"order: head of {consumer}{(capped is { Count: > 0 } ? " (capped here)" : "")}", w => w.NextQueued(devices, null, consumer, capped)).ConfigureAwait(false);
        }
        await TimeAsync("order: ClaimOrder.Next (whole order, with the lease gate)", w => order.Next(w, devices, LeaseRules.Gate(w, time.GetUtcNow()))).ConfigureAwait(false);
        Time("placement: ClaimPlacement.Choose", () => placement.Choose("bench-breakdown", devices, order));

        async Task TimeAsync<T>(string what, Func<IStoreWriter, T> work)
        {
            var samples = new double[Calls];
            for (var i = 0; i < Calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await store.WriteAsync(work, cancellationToken: cancellationToken).ConfigureAwait(false);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            Print(what, samples);
        }
    }

    private static void Time<T>(string what, Func<T> work)
    {
        var samples = new double[Calls];
        for (var i = 0; i < Calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            GC.KeepAlive(work());
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Print(what, samples);
    }

    private static void Print(string what, double[] samples)
    {
        Array.Sort(samples);
        Console.WriteLine($"    {what,-66} median {samples[samples.Length / 2],7:F3} ms  p90 {samples[samples.Length * 9 / 10],7:F3} ms");
    }
}
