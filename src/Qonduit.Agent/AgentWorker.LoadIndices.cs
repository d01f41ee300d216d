using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Elim;
using Qonduit.Contracts.Resources;

namespace Qonduit.Agent;

public sealed partial class AgentWorker
{
    /// <summary>The reporters' state (agent.json `reporters`), in configuration order.</summary>
    public IReadOnlyList<ReporterStatus> Reporters => _reporters?.Statuses ?? [];

    /// <summary>
    /// Fetches the declared indices, then supervises the reporters until the agent stops (every reporter process is killed
    /// before this returns). Reporters start even when the declarations cannot be fetched: their lines are refused as
    /// undeclared until a heartbeat's answer brings a version and the fetch is repeated.
    /// </summary>
    private async Task RunReportersAsync(CancellationToken cancellationToken)
    {
        if (_reporters is null) return;
        try
        {
            await RefreshLoadIndicesAsync(cancellationToken).ConfigureAwait(false);
            await _reporters.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (AgentIdTakenException e)
        {
            Stop(e);
        }
        catch (Exception e)
        {
            _logger.PipelineFailed("reporters", e);
        }
    }

    private async Task RefreshLoadIndicesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var catalog = await _server.LoadIndicesAsync(cancellationToken).ConfigureAwait(false);
            var unreadable = _loadIndices.UseCatalog(catalog);
            _logger.CatalogFetched(catalog.Version, catalog.Indices?.Count ?? 0, unreadable.Count == 0 ? "" : "; unreadable: " + string.Join("; ", unreadable));
        }
        catch (ControlPlaneUnavailableException e)
        {
            _logger.ControlPlaneUnavailable("loadindices", e.Message);
        }
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> LoadIndexValues() =>
        _reporters is null ? EmptyIndices : _loadIndices.ValuesFor(_options.Resources);

    /// <summary>A heartbeat's answer names the declarations' version: a newer one than the reporters are checked against is fetched.</summary>
    private async Task FollowLoadIndicesAsync(HeartbeatAnswer answer, CancellationToken cancellationToken)
    {
        if (_reporters is null || answer.LoadIndicesVersion is not { } version || version == _loadIndices.CatalogVersion) return;
        await RefreshLoadIndicesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> EmptyIndices =
        new Dictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>();
}
