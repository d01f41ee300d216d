using Microsoft.Extensions.Logging;

namespace Qonduit.Agent.Elim;

/// <summary>
/// Runs every reporter of agent.json `reporters` until the agent stops, each under <see cref="RestartPolicy"/>, all
/// feeding one <see cref="ReporterValues"/> (docs/orchestration.md §1 "Reporters"). Stopping kills every reporter
/// process and its children before <see cref="RunAsync"/> returns, so none outlives the agent.
/// </summary>
public sealed class ReporterSupervisor
{
    private readonly IReadOnlyList<Reporter> _reporters;

    public ReporterSupervisor(IReadOnlyList<ReporterSpec> reporters, ReporterValues board, RestartPolicy policy, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        _reporters = [.. reporters.Select(spec => new Reporter(spec, board, policy, time, logger))];
    }

    public IReadOnlyList<ReporterStatus> Statuses => [.. _reporters.Select(r => r.Status)];

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_reporters.Select(r => Task.Run(() => r.RunAsync(cancellationToken), CancellationToken.None)));
}
