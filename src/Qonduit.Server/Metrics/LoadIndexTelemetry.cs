using Prometheus;
using Qonduit.Placement.Indices;
using Qonduit.Server.Resources;
using static Qonduit.Server.Metrics.ScrapedGauge;

namespace Qonduit.Server.Metrics;

/// <summary>
/// The `qonduit_loadindex_*` families, read at scrape time from the <see cref="LoadIndexBoard"/>: every reported value
/// still kept (a dropped one leaves no series), its age and staleness, and the values refused by reason. String values
/// have an age and a staleness but no `_value` series.
/// </summary>
internal sealed class LoadIndexTelemetry(IMetricFactory factory)
{
    private readonly ScrapedGauge _value = new(factory, "qonduit_loadindex_value", "Latest value reported for a load index of a resource (numeric and Boolean indices).",
        "resource", "name");
    private readonly ScrapedGauge _age = new(factory, "qonduit_loadindex_age_seconds", "Seconds since the latest value of a load index was received.", "resource", "name");
    private readonly ScrapedGauge _stale = new(factory, "qonduit_loadindex_stale", "1 when the latest value is older than 2 reporting intervals (placement reads it as UNDEFINED).",
        "resource", "name");
    private readonly Counter _rejected = factory.CreateCounter("qonduit_loadindex_rejected_total",
        "Reported load-index values (heartbeats) and lines (pushes) refused, by reason.", ["reason"]);

    public void Publish(LoadIndexBoard board, DateTimeOffset now)
    {
        var kept = board.All(now).ToList();
        _value.Publish(kept.Where(k => k.Sample.Value.Text is null).Select(k => Series(k.Sample.Value.Number, k.Resource, k.Name)));
        _age.Publish(kept.Select(k => Series(Math.Max(0, (now - k.Sample.ReceivedAt).TotalSeconds), k.Resource, k.Name)));
        _stale.Publish(kept.Select(k => Series(k.Freshness == Freshness.Stale ? 1 : 0, k.Resource, k.Name)));
        foreach (var (reason, count) in board.Rejected) _rejected.WithLabels(reason).IncTo(count);
    }
}
