using Microsoft.Extensions.Options;

namespace Qonduit.Server.Consumers;

/// <summary>Recomputes fair share every <see cref="ServerOptions.FairSharePeriod"/> (at least 1 s).</summary>
public sealed partial class FairShareRecompute(FairShareBoard board, TimeProvider time, IOptions<ServerOptions> options, ILogger<FairShareRecompute> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.FairSharePeriod < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.FairSharePeriod;
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                board.Recompute();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "fair share recompute failed; the last standing stays in force")]
    private static partial void Failed(ILogger logger, Exception e);
}
