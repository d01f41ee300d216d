using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qonduit.Agent.ControlPlane;
using Qonduit.Agent.Elim;
using Qonduit.Agent.Runs;
using Qonduit.Agent.Scheduling;

namespace Qonduit.Agent;

/// <summary>
/// The execution-plane agent: an outbound-only worker with three pipelines over one dictionary of held tasks:
/// work acquisition (long-poll CLAIM while a slot is free), heartbeat (all held tasks, and the load indices its reporters
/// sent; lets go of those the server cancelled or took away), and finalisation (observe the scheduler, read the artifact, make exactly one terminal
/// report). It starts by reconciling its run root, so a restart neither loses nor repeats work. Each step is also
/// callable on its own, which is how tests drive it without clocks. Each worker draws a random <see cref="Incarnation"/>
/// and sends it with every call, so the control plane tells this run of the agent from an earlier one of the same id.
/// An agent id bound to another key stops the worker (<see cref="AgentIdTakenException"/>).
/// </summary>
public sealed partial class AgentWorker
{
    private readonly IControlPlane _server;
    private readonly IScheduler _scheduler;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RunRoot _runRoot;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Work> _held = [];
    private readonly SemaphoreSlim _slotFreed = new(0);
    private readonly CancellationTokenSource _idTaken = new();
    private readonly ReporterValues _loadIndices;
    private readonly ReporterSupervisor? _reporters;
    private AgentIdTakenException? _refusal;

    /// <summary>Slots promised to tasks that final reports under way may claim (<see cref="IControlPlane.ClaimWithReports"/>).</summary>
    private int _reserved;

    /// <summary>Claims are made only while the pipelines run: a worker driven step by step never claims with its reports.</summary>
    private volatile bool _acquiring;

    public AgentWorker(IControlPlane server, IScheduler scheduler, AgentOptions options, TimeProvider? time = null, ILogger<AgentWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Slots, 1);
        _server = server;
        _scheduler = scheduler;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<AgentWorker>.Instance;
        _runRoot = new RunRoot(options.RunRoot);
        _loadIndices = new ReporterValues(_time);
        _reporters = options.Reporters.Count == 0 ? null : new ReporterSupervisor(options.Reporters, _loadIndices, options.ReporterRestarts, _time, _logger);
    }

    public RunRoot RunRoot => _runRoot;

    /// <summary>This worker's incarnation: random, drawn once, sent with every claim, heartbeat and report.</summary>
    public string Incarnation { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The tasks this agent holds now (claimed and not yet reported or let go).</summary>
    public IReadOnlyList<string> HeldTasks
    {
        get { lock (_gate) return [.. _held.Keys]; }
    }

    /// <summary>Slots neither held nor promised to the tasks final reports under way may claim.</summary>
    public int FreeSlots
    {
        get { lock (_gate) return Math.Max(0, _options.Slots - _held.Count - _reserved); }
    }

    /// <summary>
    /// Reconciles, then runs the three pipelines until <paramref name="cancellationToken"/> fires; jobs keep running in the
    /// scheduler. Throws <see cref="AgentIdTakenException"/> (after draining) when the control plane refuses the agent id.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _logger.Started(_options.AgentId, Incarnation, _options.Slots, _scheduler.Name, _runRoot.Path);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idTaken.Token);
        try
        {
            await ReconcileAsync(running.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (AgentIdTakenException e)
        {
            _logger.IdTaken(_options.AgentId, e.Message);
            throw;
        }
        await RunPipelinesAsync(running.Token).ConfigureAwait(false);
        if (_refusal is not null) throw _refusal;
    }

    private async Task RunPipelinesAsync(CancellationToken cancellationToken)
    {
        // Adapters that know when a job ends say so; for the others a runner's artifact landing is the earliest sign.
        using var artifacts = _scheduler is IJobEndSignal ? null : new ArtifactWatch(_runRoot.Path);
        var heartbeat = Repeat("heartbeat", HeartbeatOnceAsync, _options.HeartbeatInterval, null, cancellationToken);
        var finalisation = Repeat("finalisation", ObserveOnceAsync, _options.ObserveInterval, _scheduler as IJobEndSignal ?? artifacts, cancellationToken);
        var reporters = RunReportersAsync(cancellationToken);
        _server.ClaimWithReports(ReserveForReports, StartClaimedWithReportsAsync);
        _acquiring = true;
        try
        {
            await AcquireAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _acquiring = false;
            // Drain: each pipeline finishes the step it is in (a report under way is completed, not torn).
            // The reporters' processes are killed before the agent stops: none outlives it.
            await Task.WhenAll(heartbeat, finalisation, reporters).ConfigureAwait(false);
            _logger.Stopped(HeldTasks.Count);
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (FreeSlots == 0)
                {
                    await _slotFreed.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                var asked = _time.GetTimestamp();
                if (await AcquireOnceAsync(cancellationToken).ConfigureAwait(false)) continue;
                // A "no work" answer that came back at once (a zero claim wait, or a server that cut the long poll short)
                // must not become a busy loop of claims: the next one waits out the rest of the retry delay.
                var waited = _time.GetElapsedTime(asked);
                if (waited < _options.RetryDelay) await Delay(_options.RetryDelay - waited, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ControlPlaneUnavailableException e)
            {
                _logger.ControlPlaneUnavailable("claim", e.Message);
                await Delay(_options.RetryDelay, null, cancellationToken).ConfigureAwait(false);
            }
            catch (AgentIdTakenException e)
            {
                Stop(e);
                return;
            }
        }
    }

    /// <summary>The agent id is another key's: every pipeline stops (once), and <see cref="RunAsync"/> ends with the refusal.</summary>
    private void Stop(AgentIdTakenException e)
    {
        if (Interlocked.CompareExchange(ref _refusal, e, null) is not null) return;
        _logger.IdTaken(_options.AgentId, e.Message);
        _idTaken.Cancel();
    }

    /// <param name="ended">When the scheduler signals job ends, a round also starts as soon as one ends.</param>
    private async Task Repeat(string pipeline, Func<CancellationToken, Task> step, TimeSpan interval, IJobEndSignal? ended, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var woken = ended?.NextEnd;
            var started = _time.GetTimestamp();
            try
            {
                await step(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (AgentIdTakenException e)
            {
                Stop(e);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One bad round (a full disk, a scheduler that answers nonsense) must not stop the agent.
                _logger.PipelineFailed(pipeline, e);
            }
            // Rounds start an interval apart, however long a round took: a heartbeat that long-polled for cancellations
            // most of an interval must not push the next one (and the server's view of the agent's liveness) back.
            var rest = interval - _time.GetElapsedTime(started);
            await Delay(rest > TimeSpan.Zero ? rest : TimeSpan.Zero, woken, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task Delay(TimeSpan delay, Task? woken, CancellationToken cancellationToken)
    {
        try
        {
            if (woken is null) await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            else await woken.WaitAsync(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The interval passed with no job ending: the next round observes as usual.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One held task. Its lock serialises every report and every let-go, so a task gets exactly one terminal report.</summary>
    private sealed class Work(RunDirectory directory)
    {
        public RunDirectory Directory { get; } = directory;

        public SemaphoreSlim Lock { get; } = new(1, 1);

        public JobRef? Job { get; set; }

        /// <summary>Decided but not yet delivered (the control plane was unreachable).</summary>
        public FinalReport? Pending { get; set; }

        public bool Done { get; set; }

        /// <summary>Its job was interrupted (reclaim): once per task, however many heartbeats name it until the job ends.</summary>
        public bool Interrupted { get; set; }

        public string TaskId => Directory.TaskId;
    }

    private Work? Find(string taskId)
    {
        lock (_gate) return _held.GetValueOrDefault(taskId);
    }

    /// <summary>
    /// A call carrying <paramref name="finals"/> completions or failures may claim as many tasks: the slots those reports
    /// free. They are promised to it at once, so a claim of the acquisition pipeline meanwhile does not count them too.
    /// </summary>
    private int ReserveForReports(int finals)
    {
        if (!_acquiring) return 0;
        lock (_gate)
        {
            _reserved += finals;
            return finals;
        }
    }

    /// <summary>Starts the tasks a call of reports claimed, then gives back the promised slots they did not take.</summary>
    private async Task StartClaimedWithReportsAsync(IReadOnlyList<ClaimAnswer.Claimed> claimed, int unused)
    {
        try
        {
            foreach (var one in claimed) _logger.Claimed(one.Task.Id, one.Task.Attempt, one.Snapshot.Device, one.Snapshot.Version);
            await Task.WhenAll(claimed.Select(StartAsync)).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate) _reserved -= claimed.Count + unused;
            // The promise ending may be what frees a slot: a task released while it held its slot's promise woke the
            // acquisition pipeline too early to see the slot free.
            _slotFreed.Release();
        }
    }

    private void Hold(Work work)
    {
        lock (_gate) _held[work.TaskId] = work;
    }

    /// <summary>
    /// Forgets a task (after its one report, or when letting go) and frees its slot, then records what was done and
    /// archives the directory. The task is forgotten first: a directory that cannot be archived must never cause a
    /// second report.
    /// </summary>
    private string Release(Work work, ReportRecord record)
    {
        work.Done = true;
        lock (_gate) _held.Remove(work.TaskId);
        _slotFreed.Release();
        try
        {
            work.Directory.WriteReport(record);
            return _runRoot.Archive(work.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.ArchiveFailed(work.TaskId, e.Message);
            return work.Directory.Path;
        }
    }
}
