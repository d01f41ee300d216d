using Microsoft.Extensions.Options;

namespace Qonduit.Server.Leases;

/// <summary>
/// Makes `lease.expired` timely. Correctness does not depend on it: a lease past its TTL already counts for
/// nothing in grants, claims, listings and submissions; this only records and announces the end.
/// </summary>
public sealed class LeaseExpiryMonitor(LeaseBook leases, TimeProvider time, IOptions<ServerOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) await leases.SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
