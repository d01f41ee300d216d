using Microsoft.Extensions.Logging;

namespace Qonduit.Agent.Elim;

internal static partial class ElimLog
{
    [LoggerMessage(30, LogLevel.Information, "Reporter {Command} started (pid {Pid}, start {Starts})")]
    public static partial void ReporterStarted(this ILogger logger, string command, int pid, int starts);

    [LoggerMessage(31, LogLevel.Warning, "Reporter {Command} wrote part of a line and then nothing for {Seconds} s: killed, restarting")]
    public static partial void ReporterBlocked(this ILogger logger, string command, double seconds);

    [LoggerMessage(32, LogLevel.Warning, "Reporter {Command} ended ({Why}); restarting in {Seconds:0.#} s")]
    public static partial void ReporterRestarting(this ILogger logger, string command, string why, double seconds);

    [LoggerMessage(33, LogLevel.Error, "Reporter {Command} is not restarted: {Why}")]
    public static partial void ReporterGivenUp(this ILogger logger, string command, string why);

    [LoggerMessage(34, LogLevel.Warning, "Reporter {Command}: line refused ({Rejection}): {Reason}")]
    public static partial void LineRefused(this ILogger logger, string command, string rejection, string reason);

    [LoggerMessage(35, LogLevel.Error, "Reporter {Command} could not be started: {Message}")]
    public static partial void ReporterStartFailed(this ILogger logger, string command, string message);

    [LoggerMessage(36, LogLevel.Information, "Load-index declarations version {Version} fetched: {Count} index(es){Unreadable}")]
    public static partial void CatalogFetched(this ILogger logger, long version, int count, string unreadable);
}
