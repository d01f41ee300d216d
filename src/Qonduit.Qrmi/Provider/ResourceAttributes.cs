using System.Globalization;

namespace Qonduit.Qrmi.Provider;

/// <summary>
/// The attributes a filter can name, gathered from a resource's accessibility, target snapshot and metrics.
/// An inaccessible resource reports only name, type and <c>status=offline</c>.
/// </summary>
public static class ResourceAttributes
{
    public static readonly IReadOnlyList<string> Known =
    [
        "name", "type", "status", "num_qubits", "version", "queue_depth", "lanes", "lanes_in_use", "lanes_free",
        "calibration_age_s", "median_1q_error", "median_2q_error", "median_readout_error",
    ];

    public static async Task<ResourceView> CollectAsync(IQuantumResource resource, CancellationToken cancellationToken = default)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = resource.ResourceId,
            ["type"] = resource.Type,
            ["status"] = "offline",
        };
        if (!await resource.IsAccessibleAsync(cancellationToken).ConfigureAwait(false)) return new ResourceView(resource, attributes, null);
        ResourceMetrics metrics;
        try
        {
            var snapshot = await resource.TargetAsync(cancellationToken).ConfigureAwait(false);
            metrics = await resource.MetricsAsync(cancellationToken).ConfigureAwait(false);
            attributes["num_qubits"] = Text(SnapshotFigures.OnlineQubits(snapshot));
            attributes["version"] = Text(snapshot.Version);
        }
        catch (QrmiException)
        {
            // Answered the accessibility probe but not the next call: treat it as offline rather than fail the listing.
            return new ResourceView(resource, attributes, null);
        }
        attributes["status"] = "online";
        attributes["queue_depth"] = Text(metrics.QueueDepth);
        attributes["lanes"] = Text(metrics.Lanes);
        attributes["lanes_in_use"] = Text(metrics.LanesInUse);
        attributes["lanes_free"] = Text(Math.Max(0, metrics.Lanes - metrics.LanesInUse));
        attributes["calibration_age_s"] = Text(Math.Round(metrics.CalibrationAge.TotalSeconds));
        if (metrics.Median1qError is { } e1) attributes["median_1q_error"] = Text(e1);
        if (metrics.Median2qError is { } e2) attributes["median_2q_error"] = Text(e2);
        if (metrics.MedianReadoutError is { } er) attributes["median_readout_error"] = Text(er);
        return new ResourceView(resource, attributes, metrics);
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A resource with the attributes it reported; <see cref="Metrics"/> is null when it is offline.</summary>
public sealed record ResourceView(IQuantumResource Resource, IReadOnlyDictionary<string, string> Attributes, ResourceMetrics? Metrics)
{
    public bool IsOnline => Metrics is not null;
}
