using Microsoft.Extensions.Options;
using Qonduit.Storage.Artifacts;

namespace Qonduit.Server.Artifacts;

/// <summary>
/// Applies the retention policy (<see cref="ArtifactOptions.Retention"/>) every <see cref="ArtifactOptions.SweepInterval"/>.
/// A failed sweep is logged and the next one tries again: what it did not remove stays visible, which is never wrong.
/// </summary>
public sealed partial class ArtifactRetentionService(
    IArtifactStore store, TimeProvider time, IOptions<ServerOptions> options, ILogger<ArtifactRetentionService> logger) : BackgroundService
{
    public async Task<ArtifactSweepResult> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var swept = await store.SweepAsync(time.GetUtcNow(), options.Value.Artifacts.Retention, cancellationToken).ConfigureAwait(false);
        if (swept.Removed > 0) LogSwept(logger, swept.Removed, swept.BytesFreed);
        return swept;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Artifacts.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "artifact retention removed {Removed} artifact(s), {Bytes} bytes")]
    private static partial void LogSwept(ILogger logger, int removed, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "artifact retention failed; the next sweep tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
