using System.Runtime;
using Microsoft.Extensions.Options;

namespace Qonduit.Server.Memory;

/// <summary>
/// Gives memory back once the server falls idle. The GC only runs when something allocates, so garbage left by a burst
/// — above all large refused bodies and circuits, which land on the large-object heap and wait there for a full
/// collection — would otherwise stay resident for as long as the server stays quiet. After <see cref="ServerOptions.IdleTrimAfter"/>
/// without a request, and only if enough was allocated since the last trim, one full compacting collection runs
/// (LOH included) in the aggressive mode that also decommits the freed memory. Idle means no request has started for that
/// long: open event streams and agents' long polls stay open through quiet periods and do not count.
/// </summary>
public sealed partial class IdleMemoryTrim(IOptions<ServerOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>Below this much allocation since the last trim, the resident memory a trim could free is not worth a full GC.</summary>
    private const long WorthTrimming = 32L * 1024 * 1024;

    private long _lastRequestTicks;
    private long _allocatedAtLastTrim;

    public void RequestStarted() => Interlocked.Exchange(ref _lastRequestTicks, time.GetUtcNow().UtcTicks);

    /// <summary>One check; public so tests drive it without waiting for the timer. True when it trimmed.</summary>
    public bool TrimIfIdle()
    {
        if (time.GetUtcNow().UtcTicks - Interlocked.Read(ref _lastRequestTicks) < options.Value.IdleTrimAfter.Ticks) return false;
        if (GC.GetTotalAllocatedBytes() - _allocatedAtLastTrim < WorthTrimming) return false;
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        _allocatedAtLastTrim = GC.GetTotalAllocatedBytes();
        LogTrimmed(logger, (before - GC.GetGCMemoryInfo().TotalCommittedBytes) / 1024);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IdleTrimAfter <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) TrimIfIdle();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "idle: full GC gave back {FreedKb} KiB of committed memory")]
    private static partial void LogTrimmed(ILogger logger, long freedKb);
}

public static class IdleMemoryTrimRegistration
{
    public static IServiceCollection AddIdleMemoryTrim(this IServiceCollection services) =>
        services.AddSingleton<IdleMemoryTrim>().AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrim>());

    /// <summary>Notes each request's start, first in the pipeline, so that every request counts as activity.</summary>
    public static WebApplication UseIdleMemoryTrim(this WebApplication app)
    {
        var trim = app.Services.GetRequiredService<IdleMemoryTrim>();
        app.Use((context, next) =>
        {
            trim.RequestStarted();
            return next(context);
        });
        return app;
    }
}
