namespace Qonduit.Placement.Indices;

public enum Freshness
{
    /// <summary>Within 2 intervals of its arrival: placement reads it.</summary>
    Fresh,

    /// <summary>Past 2 intervals: UNDEFINED for placement (routing falls through), still kept.</summary>
    Stale,

    /// <summary>Past 10 intervals: forgotten, as if never reported.</summary>
    Dropped,
}

/// <summary>
/// The staleness rule (ours; LSF documents no expiry): fresh while now − receivedAt ≤ 2 × interval, stale after, dropped
/// after 10 × interval. A function of the time it is given, so the caller's clock (a TimeProvider) decides.
/// </summary>
public static class Staleness
{
    public const int StaleAfterIntervals = 2;
    public const int DroppedAfterIntervals = 10;

    public static Freshness Of(IndexSample sample, DateTimeOffset now)
    {
        if (sample.Interval == Timeout.InfiniteTimeSpan) return Freshness.Fresh;
        // Ticks as double: ten intervals of a long declared interval cannot overflow.
        var age = (double)(now - sample.ReceivedAt).Ticks;
        var interval = (double)sample.Interval.Ticks;
        if (age > DroppedAfterIntervals * interval) return Freshness.Dropped;
        return age > StaleAfterIntervals * interval ? Freshness.Stale : Freshness.Fresh;
    }

    public static Freshness Of(IndexSample sample, TimeProvider clock) => Of(sample, clock.GetUtcNow());
}
