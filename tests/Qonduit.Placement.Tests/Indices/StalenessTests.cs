using Qonduit.Placement.Indices;
using Qonduit.Tests.Shared;

namespace Qonduit.Placement.Tests.Indices;

public sealed class StalenessTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IndexSample Every5s = new(IndexValue.Of(1), Arrived, TimeSpan.FromSeconds(5));

    [Theory]
    [InlineData(0, Freshness.Fresh)]
    [InlineData(10_000, Freshness.Fresh)]
    [InlineData(10_001, Freshness.Stale)]
    [InlineData(50_000, Freshness.Stale)]
    [InlineData(50_001, Freshness.Dropped)]
    public void Fresh_for_two_intervals_stale_until_ten_then_dropped(int afterMs, Freshness expected)
    {
        Assert.Equal(expected, Staleness.Of(Every5s, Arrived + TimeSpan.FromMilliseconds(afterMs)));
    }

    [Fact]
    public void The_injected_clock_decides()
    {
        var clock = new ManualTimeProvider(Arrived);
        clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(Freshness.Stale, Staleness.Of(Every5s, clock));
    }

    [Fact]
    public void A_static_value_never_goes_stale()
    {
        var kind = new IndexSample(IndexValue.Of("qpu"), Arrived, Timeout.InfiniteTimeSpan);
        Assert.Equal(Freshness.Fresh, Staleness.Of(kind, Arrived + TimeSpan.FromDays(365)));
    }
}
