using Qonduit.Qrmi.Config;

namespace Qonduit.Qrmi.Provider;

/// <summary>
/// The configured resources: look one up by name, list those an attribute filter selects, or choose the least busy.
/// Least busy means, among online matches: the fewest queued tasks plus leased lanes per lane, then the lowest
/// median two-qubit error, then the name (so the choice is deterministic).
/// </summary>
public sealed class QuantumResourceProvider
{
    private readonly IReadOnlyList<IQuantumResource> _resources;

    public QuantumResourceProvider(IEnumerable<IQuantumResource> resources) => _resources = [.. resources];

    public IReadOnlyList<IQuantumResource> Resources => _resources;

    public static QuantumResourceProvider FromConfig(QrmiConfig config, ResourceFactory factory) =>
        new(config.Resources.Select(factory.Create));

    /// <summary>The resources a `sbatch --qpu` job holds, each carrying its acquisition token.</summary>
    public static QuantumResourceProvider FromJobEnvironment(JobEnvironment job, ResourceFactory factory) =>
        new(job.Resources.Select(r => factory.Create(r.Definition)));

    public IQuantumResource Get(string name) =>
        _resources.FirstOrDefault(r => r.ResourceId == name) ?? throw new ResourceNotFoundException(name, _resources.Select(r => r.ResourceId));

    public async Task<IReadOnlyList<ResourceView>> SelectAsync(ResourceFilter filter, CancellationToken cancellationToken = default)
    {
        var views = await Task.WhenAll(_resources.Select(r => ResourceAttributes.CollectAsync(r, cancellationToken))).ConfigureAwait(false);
        return [.. views.Where(v => filter.Matches(v.Attributes))];
    }

    public async Task<ResourceView> LeastBusyAsync(ResourceFilter filter, CancellationToken cancellationToken = default)
    {
        var candidates = (await SelectAsync(filter, cancellationToken).ConfigureAwait(false)).Where(v => v.IsOnline).ToList();
        if (candidates.Count == 0)
            throw new QrmiException(ErrorCodes.Qrmi.NoMatchingResource,
                $"no online resource matches '{filter.Text}' (configured: {string.Join(", ", _resources.Select(r => r.ResourceId))})");
        return candidates
            .OrderBy(v => Load(v.Metrics!))
            .ThenBy(v => v.Metrics!.Median2qError ?? double.MaxValue)
            .ThenBy(v => v.Resource.ResourceId, StringComparer.Ordinal)
            .First();
    }

    private static double Load(ResourceMetrics metrics) =>
        (metrics.QueueDepth + metrics.LanesInUse) / (double)Math.Max(1, metrics.Lanes);
}
