using System.Globalization;

namespace Qonduit.Storage;

/// <summary>What accounting totals are grouped by: a task's leaf consumer, its user, its device, or when it ended.</summary>
public enum AccountingGrouping
{
    Consumer,
    User,
    Device,
    Period,
}

/// <summary>The buckets of <see cref="AccountingGrouping.Period"/>, in UTC.</summary>
public enum AccountingPeriod
{
    Hour,
    Day,
    Month,
}

/// <summary>
/// The tasks that ran (were claimed) and ended in [<see cref="From"/>, <see cref="To"/>), grouped by <see cref="By"/>; only
/// <see cref="Tenant"/>'s when given, only those submitted with lease <see cref="LeaseId"/> when given. The caller bounds
/// the window; the store reads only the tasks that ended inside it.
/// </summary>
public sealed record AccountingQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    AccountingGrouping By,
    AccountingPeriod Period = AccountingPeriod.Day,
    string? Tenant = null,
    Guid? LeaseId = null)
{
    /// <summary>The key of the bucket <paramref name="time"/> falls in: its start in UTC, ISO 8601 (`2025-03-01T12:00:00Z`).</summary>
    public static string PeriodKey(DateTimeOffset time, AccountingPeriod period)
    {
        var t = time.UtcDateTime;
        var start = period switch
        {
            AccountingPeriod.Hour => new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc),
            AccountingPeriod.Day => new DateTime(t.Year, t.Month, t.Day, 0, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        return start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// One group's sums: tasks, QPU lane-seconds, shots delivered (a completed task's), state-vector simulations and CPU seconds
/// (a figure a task does not have counts as zero).
/// </summary>
public sealed record AccountingTotal(string Key, long Tasks, double LaneSeconds, long Shots, long Simulations, double CpuSeconds);
