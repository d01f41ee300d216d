using Qonduit.Server.Problems;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qonduit.Graphs.Runs;
using Qonduit.Server.Agents;
using Qonduit.Server.Auth;
using Qonduit.Server.Events;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Graphs;

/// <summary>
/// The control plane's authority over runs (docs/orchestration.md §4 "Runs"): it loads a run, lets the pure
/// <see cref="RunPlanner"/> move it, admits the attempts it starts as tasks of the run's owner, and commits the node
/// rows, the tasks, their links to (run, node, attempt) and every transition's event in one transaction — so a run
/// that a kill -9 interrupts resumes from its rows, and no node that completed runs again. One advancement at a time:
/// runs are few beside tasks, and a single writer of run rows needs no version checks.
/// </summary>
public sealed partial class RunEngine(
    IControlPlaneStore store, GraphCatalog graphs, TaskAdmission admission, TaskLedger ledger, EventHub hub, WorkSignal work, TimeProvider time,
    ILogger<RunEngine> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, (RunRecord Run, RunState State)> _live = [];
    private long _nextDueTicks = long.MaxValue;

    /// <summary>When a retry is next due in any run advanced so far (the progress service sleeps until then at most).</summary>
    public DateTimeOffset? NextDueAt => Interlocked.Read(ref _nextDueTicks) is var ticks && ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    public async Task<RunRecord> StartAsync(GraphRecord graph, JsonObject inputs, CancellationToken cancellationToken)
    {
        var compiled = graphs.Compiled(graph);
        RunInputs.Check(compiled, inputs);
        var now = time.GetUtcNow();
        var run = new RunRecord(Guid.CreateVersion7(now), graph.Id, graph.Owner, RunRows.Name(RunStatus.Running), inputs.ToJsonString(), now, null);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = new RunState(compiled, inputs);
            var committed = await StepAsync(run, state, created: true, cancellationToken).ConfigureAwait(false);
            if (committed.Status == RunRows.Name(RunStatus.Running)) _live[run.Id] = (committed, state);
        }
        finally
        {
            _gate.Release();
        }
        return store.GetRun(run.Id)!;
    }

    /// <summary>Tasks ended: the nodes they are attempts of learn how, and each run they belong to moves on once for all of them.</summary>
    public async Task TasksEndedAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var links = taskIds.Select(store.AttemptOfTask).OfType<RunAttempt>().GroupBy(link => link.RunId);
        foreach (var run in links)
        {
            await AdvanceAsync(run.Key, (state, now) =>
            {
                foreach (var link in run)
                    if (state.Instances.TryGetValue(link.Key, out var instance) && instance.TaskId == link.TaskId)
                        Settle(state, instance, store.GetTask(link.TaskId)!, now);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Advances the running runs that need it: with <paramref name="reconcile"/> every one, settling attempts whose task
    /// ended without the engine hearing of it (the server stopped between the task's end and the node's, or the event
    /// stream dropped this subscriber); otherwise those whose retry fell due.
    /// </summary>
    public async Task SweepAsync(bool reconcile, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!reconcile && (NextDueAt is not { } due || due > now)) return;
        Interlocked.Exchange(ref _nextDueTicks, long.MaxValue);
        foreach (var run in store.ListRuns(new RunQuery(Status: RunRows.Name(RunStatus.Running), Limit: 10_000)))
        {
            await AdvanceAsync(run.Id, (state, at) =>
            {
                if (!reconcile) return;
                foreach (var instance in state.Instances.Values.Where(i => i is { State: NodeState.Running, TaskId: not null }).ToList())
                    if (store.GetTask(instance.TaskId!.Value) is { State: not TaskState.Queued and not TaskState.Running } task) Settle(state, instance, task, at);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RunRecord> CancelAsync(Guid runId, Caller caller, CancellationToken cancellationToken)
    {
        var run = Visible(runId, caller);
        IReadOnlyList<Guid> stopped = [];
        await AdvanceAsync(run.Id, (state, now) => stopped = RunPlanner.Cancel(state, now), cancellationToken).ConfigureAwait(false);
        // After the run's commit, as for a join that fired early: a task that ends meanwhile finds its node cancelled.
        foreach (var task in stopped) await CancelTaskAsync(run, task, cancellationToken).ConfigureAwait(false);
        return store.GetRun(run.Id)!;
    }

    public RunRecord Visible(Guid runId, Caller caller) =>
        store.GetRun(runId) is { } run && caller.CanSee(run.Owner) ? run : throw ControlPlaneException.NotFound(ErrorCodes.Graph.RunNotFound, $"no run {runId}");

    /// <summary>What the attempt's task says about its node: completed with outputs, or failed with its code.</summary>
    private static void Settle(RunState state, NodeInstance instance, TaskRecord task, DateTimeOffset now)
    {
        switch (task.State)
        {
            case TaskState.Completed:
                RunPlanner.AttemptSucceeded(state, instance.Key, TaskOutputs.Of(task), now);
                break;
            case TaskState.Failed:
                RunPlanner.AttemptFailed(state, instance.Key, task.Error?.Code, task.Error?.Message ?? "the task failed", now);
                break;
            case TaskState.Cancelled:
                RunPlanner.AttemptFailed(state, instance.Key, ErrorCodes.Task.Cancelled, $"task {task.Id} was cancelled", now, final: true);
                break;
        }
    }

    /// <summary>
    /// Applies what happened to the run and steps it. The engine is the only writer of run rows, so the state it committed
    /// last is kept for the next step instead of being read back (a run of thousands of nodes would be read once per
    /// task otherwise); a run read for the first time since the server started, or whose last commit failed, is loaded.
    /// </summary>
    private async Task AdvanceAsync(Guid runId, Action<RunState, DateTimeOffset> apply, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_live.TryGetValue(runId, out var live))
            {
                if (store.GetRun(runId) is not { } stored || stored.Status != RunRows.Name(RunStatus.Running)) return;
                var graph = store.GetGraph(stored.GraphId) ?? throw new InvalidDataException($"run {stored.Id} names graph {stored.GraphId}, which is not stored");
                live = (stored, RunRows.Load(graphs.Compiled(graph), stored, store.RunNodes(stored.Id)));
            }
            _live.Remove(runId);
            apply(live.State, time.GetUtcNow());
            var committed = await StepAsync(live.Run, live.State, created: false, cancellationToken).ConfigureAwait(false);
            if (committed.Status == RunRows.Name(RunStatus.Running)) _live[runId] = (committed, live.State);
        }
        finally
        {
            _gate.Release();
        }
    }
}
