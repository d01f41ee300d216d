using Prometheus;
using Qonduit.Placement.FairShare;
using Qonduit.Server.Consumers;
using static Qonduit.Server.Metrics.ScrapedGauge;

namespace Qonduit.Server.Metrics;

/// <summary>
/// The `qonduit_consumer_*` families (docs/orchestration.md "Consumer families"), read at scrape time from the last
/// fair-share standing (never recomputed by a scrape) and the running tasks: per leaf consumer its decayed usage and
/// fair-share value in each pool kind, its part of the tree's shares and its running tasks. A tree may have up to
/// 100,000 leaves, so <see cref="ConsumerFigures.Of"/> bounds the consumer label to <see cref="ConsumerFigures.MaxConsumers"/> values.
/// </summary>
internal sealed class ConsumerTelemetry(IMetricFactory factory)
{
    private readonly ScrapedGauge _usage = new(factory, "qonduit_consumer_usage_seconds",
        "Decayed usage of a leaf consumer in a pool kind (resource-seconds, halved every FairShareHalfLife) at the last fair-share computation.", "consumer", "kind");
    private readonly ScrapedGauge _fairShare = new(factory, "qonduit_consumer_fairshare",
        "Fair-share value of a leaf consumer in a pool kind (rank / leaves, 1 taken first); for consumer=\"_other\" the mean of the leaves folded there.",
        "consumer", "kind");
    private readonly ScrapedGauge _shares = new(factory, "qonduit_consumer_shares",
        "A leaf consumer's part of the tree's shares: the product of its own and its ancestors' normalised shares (all leaves sum to 1).", "consumer");
    private readonly ScrapedGauge _running = new(factory, "qonduit_consumer_running_tasks", "Running tasks charged to a leaf consumer.", "consumer");
    private readonly ScrapedGauge _computed = new(factory, "qonduit_fairshare_computed_timestamp_seconds",
        "Unix time of the fair-share computation the qonduit_consumer_* families show.");

    public void Publish(FairShareStanding standing, IReadOnlyList<RunningCharge> running)
    {
        var figures = ConsumerFigures.Of(standing, running);
        var kinds = standing.Reports.Keys.Order(StringComparer.Ordinal).ToArray();
        _usage.Publish(figures.SelectMany(f => kinds.Select(k => Series(f.Usage.GetValueOrDefault(k), f.Consumer, k))));
        _fairShare.Publish(figures.SelectMany(f => kinds.Select(k => Series(f.FairShare.GetValueOrDefault(k), f.Consumer, k))));
        _shares.Publish(figures.Select(f => Series(f.Shares, f.Consumer)));
        _running.Publish(figures.Select(f => Series(f.Running, f.Consumer)));
        _computed.Publish(standing.ComputedAt.ToUnixTimeMilliseconds() / 1000.0);
    }
}

/// <summary>
/// One leaf consumer's figures as the consumer families show them: decayed usage and fair-share value per pool kind,
/// its part of the tree's shares, its running tasks.
/// </summary>
internal sealed record ConsumerFigures(
    string Consumer, IReadOnlyDictionary<string, double> Usage, IReadOnlyDictionary<string, double> FairShare, double Shares, double Running)
{
    /// <summary>At most this many consumer label values per family, `_other` included.</summary>
    public const int MaxConsumers = 200;

    /// <summary>The label value the leaves beyond the first <see cref="MaxConsumers"/> − 1 are folded under.</summary>
    public const string Other = "_other";

    /// <summary>
    /// Every leaf of the standing's tree, or, past <see cref="MaxConsumers"/> leaves, the <see cref="MaxConsumers"/> − 1
    /// with the most usage (summed over pool kinds; ties by path) and <see cref="Other"/>: the sum of the rest's usage,
    /// shares and running tasks, so every family's total is kept, and the mean of their fair-share values (a sum of
    /// ranks / leaves would mean nothing).
    /// </summary>
    public static IReadOnlyList<ConsumerFigures> Of(FairShareStanding standing, IReadOnlyList<RunningCharge> running)
    {
        ArgumentNullException.ThrowIfNull(standing);
        ArgumentNullException.ThrowIfNull(running);
        var rows = standing.Reports.ToDictionary(r => r.Key, r => r.Value.ToDictionary(row => row.Path, StringComparer.Ordinal), StringComparer.Ordinal);
        var anyKind = rows.Values.FirstOrDefault() ?? [];
        var runningByLeaf = running.CountBy(r => standing.LeafOf(r.Consumer), StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var leaves = standing.Leaves.Select(leaf => new ConsumerFigures(
                leaf,
                rows.ToDictionary(k => k.Key, k => k.Value.GetValueOrDefault(leaf)?.RawUsage ?? 0, StringComparer.Ordinal),
                rows.ToDictionary(k => k.Key, k => k.Value.GetValueOrDefault(leaf)?.FairShare ?? 0, StringComparer.Ordinal),
                PartOfShares(anyKind, leaf),
                runningByLeaf.GetValueOrDefault(leaf)))
            .OrderByDescending(f => f.Usage.Values.Sum()).ThenBy(f => f.Consumer, StringComparer.Ordinal)
            .ToList();
        if (leaves.Count <= MaxConsumers) return leaves;
        var folded = leaves[(MaxConsumers - 1)..];
        var kinds = rows.Keys;
        var other = new ConsumerFigures(
            Other,
            kinds.ToDictionary(k => k, k => folded.Sum(f => f.Usage[k]), StringComparer.Ordinal),
            kinds.ToDictionary(k => k, k => folded.Average(f => f.FairShare[k]), StringComparer.Ordinal),
            folded.Sum(f => f.Shares),
            folded.Sum(f => f.Running));
        return [.. leaves[..(MaxConsumers - 1)], other];
    }

    /// <summary>The product of the normalised shares (shares over siblings') of the leaf and each of its ancestors.</summary>
    private static double PartOfShares(Dictionary<string, FairShareRow> rows, string leaf)
    {
        var part = 1.0;
        for (var end = leaf.IndexOf('/', 1); ; end = leaf.IndexOf('/', end + 1))
        {
            part *= rows.GetValueOrDefault(end < 0 ? leaf : leaf[..end])?.NormShares ?? 0;
            if (end < 0) return part;
        }
    }
}
