using Prometheus;

namespace Qonduit.Server.Metrics;

/// <summary>
/// A gauge family whose whole set of series is computed at scrape time: each <see cref="Publish"/> sets the series it
/// is given and removes the ones it is not (a device that was removed, a qubit that stopped reporting T1), so a
/// scrape shows the current state and nothing left over from an earlier one.
/// </summary>
internal sealed class ScrapedGauge(IMetricFactory factory, string name, string help, params string[] labels)
{
    private readonly Gauge _gauge = factory.CreateGauge(name, help, labels);

    public void Publish(IEnumerable<(string[] Labels, double Value)> series)
    {
        var current = new HashSet<string[]>(LabelComparer.Instance);
        foreach (var (labels, value) in series)
        {
            _gauge.WithLabels(labels).Set(value);
            current.Add(labels);
        }
        foreach (var labels in _gauge.GetAllLabelValues().ToList())
            if (!current.Contains(labels)) _gauge.RemoveLabelled(labels);
    }

    /// <summary>One series of a family: its label values, in the family's label order, and its value.</summary>
    public static (string[] Labels, double Value) Series(double value, params string[] labels) => (labels, value);

    /// <summary>A family without labels.</summary>
    public void Publish(double value) => _gauge.Set(value);

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var value in obj) hash.Add(value, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
