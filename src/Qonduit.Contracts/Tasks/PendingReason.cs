using System.Globalization;

namespace Qonduit.Contracts.Tasks;

/// <summary>
/// Why a queued task has not been claimed yet: a code of <c>ErrorCodes.Pending</c>, a sentence for people, and the
/// figures behind it (<c>ahead</c> for <c>pending.queued-behind</c>, at most <see cref="AheadCap"/>; empty for the
/// others). Computed when the task view is built from what the server knows then; null on a task that is not queued.
/// The rules and their order are in docs/architecture.md "Why a task waits".
/// </summary>
public sealed record PendingReason(string Code, string Message, IReadOnlyDictionary<string, long> Details)
{
    /// <summary><c>details.ahead</c> stops counting here: <c>ahead = 10000</c> reads "10,000+" (10,000 or more).</summary>
    public const long AheadCap = 10_000;

    /// <summary>
    /// For <c>pending.lease-held</c>: who holds the lease that keeps the lanes (its holder label, e.g. a Slurm job), shown
    /// only to the lease's owner and admins; null otherwise.
    /// </summary>
    public string? Holder { get; init; }

    /// <summary>An `ahead` count as people read it: 2, 1,234, or 10,000+ at <see cref="AheadCap"/>.</summary>
    public static string FormatAhead(long ahead) =>
        ahead >= AheadCap ? AheadCap.ToString("N0", CultureInfo.InvariantCulture) + "+" : ahead.ToString("N0", CultureInfo.InvariantCulture);
}
