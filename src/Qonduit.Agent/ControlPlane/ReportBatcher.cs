using Qonduit.Contracts.Agents;

namespace Qonduit.Agent.ControlPlane;

/// <summary>
/// Coalesces an agent's reports, as group commit coalesces writes: a report made while no batch is on its way leaves at
/// once (no added latency when the agent is quiet); reports made while one is on its way wait and leave together in the
/// next. Each caller gets its own report's answer, or the failure of the call that carried it.
/// </summary>
internal sealed class ReportBatcher(Func<string, IReadOnlyList<TaskReport>, Task<IReadOnlyList<ReportAnswer>>> send)
{
    private sealed record Pending(string Incarnation, TaskReport Report)
    {
        public TaskCompletionSource<ReportAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The server's bound on reports per call.</summary>
    private const int MaxBatch = 256;

    private readonly Lock _gate = new();
    private readonly List<Pending> _queue = [];
    private bool _sending;

    public Task<ReportAnswer> ReportAsync(string incarnation, TaskReport report, CancellationToken cancellationToken)
    {
        var pending = new Pending(incarnation, report);
        bool lead;
        lock (_gate)
        {
            _queue.Add(pending);
            lead = !_sending;
            _sending = true;
        }
        if (lead) _ = SendQueuedAsync();
        return pending.Answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends batches until none is left: the reports queued at each moment that share the first one's incarnation.</summary>
    private async Task SendQueuedAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _sending = false;
                    return;
                }
                var incarnation = _queue[0].Incarnation;
                batch = [.. _queue.TakeWhile(p => p.Incarnation == incarnation).Take(MaxBatch)];
                _queue.RemoveRange(0, batch.Count);
            }
            try
            {
                var answers = await send(batch[0].Incarnation, [.. batch.Select(p => p.Report)]).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++) batch[i].Answer.TrySetResult(answers[i]);
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Answer.TrySetException(e);
            }
        }
    }
}
