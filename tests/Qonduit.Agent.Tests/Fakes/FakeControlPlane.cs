using Qonduit.Agent.ControlPlane;
using Qonduit.Contracts.Resources;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Agent.Tests.Fakes;

/// <summary>
/// An in-memory control plane with the lifecycle rules that matter to an agent: claims bind a snapshot, reports are
/// owner-only, terminal states absorb (a second terminal report is rejected 409 and recorded), heartbeats answer
/// cancelled/unknown. Every report is recorded so tests can count them, and every call's incarnation.
/// </summary>
public sealed class FakeControlPlane(string agentId = "agent-1") : IControlPlane
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeTask> _tasks = [];
    private readonly Queue<string> _queue = new();

    public static DeviceSnapshot Snapshot { get; } = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 3, Seed: 7, Name: "line3")) with { Version = 4 };

    public List<(string TaskId, string Kind, string? Detail, bool Accepted)> Reports { get; } = [];

    public List<IReadOnlyCollection<string>> Heartbeats { get; } = [];

    /// <summary>The progress each heartbeat carried, in the order of <see cref="Heartbeats"/>.</summary>
    public List<IReadOnlyDictionary<string, TaskProgress>> ProgressSent { get; } = [];

    /// <summary>The load indices each heartbeat carried, in the order of <see cref="Heartbeats"/>.</summary>
    public List<IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>> IndicesSent { get; } = [];

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>>? LatestIndicesSent
    {
        get { lock (_gate) return IndicesSent.LastOrDefault(); }
    }

    /// <summary>What `GET /v1/loadindices` answers; its version is named in every heartbeat answer.</summary>
    public LoadIndexCatalogView LoadIndices { get; set; } = new(1, []);

    public int LoadIndexFetches { get; private set; }

    public int Claims { get; private set; }

    /// <summary>While positive, each call fails as an unreachable server would, and counts down.</summary>
    public int Unavailable { get; set; }

    /// <summary>The incarnation each call came with, in call order.</summary>
    public List<string> Incarnations { get; } = [];

    /// <summary>Reports on these tasks are refused 409 task.stale-owner (a later incarnation owns them).</summary>
    public HashSet<string> OwnedElsewhere { get; } = [];

    /// <summary>Every call is refused 403 agent.id-bound-to-other-key.</summary>
    public bool IdBoundToOtherKey { get; set; }

    public string Submit(long? seed = 11, int shots = 100, TaskCommand? command = null)
    {
        var id = Guid.NewGuid().ToString();
        lock (_gate)
        {
            _tasks[id] = new FakeTask(id, seed, shots) { Command = command };
            _queue.Enqueue(id);
        }
        return id;
    }

    /// <summary>A task this agent already owns as running (as if claimed before a restart).</summary>
    public string Owned(string? id = null)
    {
        id ??= Guid.NewGuid().ToString();
        lock (_gate) _tasks[id] = new FakeTask(id, 1, 100) { State = "running", Owner = agentId };
        return id;
    }

    public FakeTask Task(string id)
    {
        lock (_gate) return _tasks[id];
    }

    public void Cancel(string id)
    {
        lock (_gate) _tasks[id].State = "cancelled";
    }

    /// <summary>Fair share takes the task's slot back: named in every heartbeat answer while it runs here.</summary>
    public void Interrupt(string id)
    {
        lock (_gate) _tasks[id].Interrupted = true;
    }

    /// <summary>Admin REQUEUE: the task leaves this agent.</summary>
    public void Requeue(string id)
    {
        lock (_gate)
        {
            _tasks[id].State = "queued";
            _tasks[id].Owner = null;
        }
    }

    public int TerminalReports(string id)
    {
        lock (_gate) return Reports.Count(r => r.TaskId == id && r.Kind is "completed" or "failed");
    }

    /// <summary>Reports here are made one by one and claim nothing: the worker's claims all go through <see cref="ClaimAsync"/>.</summary>
    public void ClaimWithReports(Func<int, int> reserve, Func<IReadOnlyList<ClaimAnswer.Claimed>, int, Task> claimed)
    {
    }

    /// <summary>Takes up to <paramref name="max"/> queued tasks, as the server does.</summary>
    public Task<ClaimAnswer> ClaimAsync(string incarnation, int capacity, TimeSpan wait, CancellationToken cancellationToken, int max = 1)
    {
        Fail(incarnation);
        lock (_gate)
        {
            Claims++;
            var taken = new List<ClaimAnswer.Claimed>();
            while (taken.Count < Math.Min(max, capacity) && _queue.TryDequeue(out var id))
            {
                var task = _tasks[id];
                task.State = "running";
                task.Owner = agentId;
                task.Attempt++;
                taken.Add(new ClaimAnswer.Claimed(new ClaimedTask(id, Snapshot.Device, "openqasm2", Circuit, task.Shots, task.Seed, task.Attempt, Snapshot.Version, Command: task.Command), Snapshot));
            }
            return System.Threading.Tasks.Task.FromResult<ClaimAnswer>(taken.Count == 0 ? new ClaimAnswer.NoWork() : taken[0] with { More = taken[1..] });
        }
    }

    public Task<HeartbeatAnswer> HeartbeatAsync(
        string incarnation, IReadOnlyCollection<string> taskIds, IReadOnlyDictionary<string, TaskProgress> progress, TimeSpan interval,
        TimeSpan waitForCancellation, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ReportedIndexValue>> indices,
        CancellationToken cancellationToken)
    {
        Fail(incarnation);
        lock (_gate)
        {
            Heartbeats.Add([.. taskIds]);
            ProgressSent.Add(new Dictionary<string, TaskProgress>(progress));
            IndicesSent.Add(indices);
            var cancelled = taskIds.Where(id => _tasks.TryGetValue(id, out var t) && t.Owner == agentId && t.State == "cancelled").ToList();
            var unknown = taskIds.Where(id => !_tasks.TryGetValue(id, out var t) || t.Owner != agentId || t.State is not ("running" or "cancelled")).ToList();
            // Every interrupted task the agent owns, listed or not: as a server whose answer crossed a task's end names it.
            var interrupted = _tasks.Values.Where(t => t.Owner == agentId && t.State == "running" && t.Interrupted).Select(t => t.Id).ToList();
            return System.Threading.Tasks.Task.FromResult(new HeartbeatAnswer(cancelled, unknown, LoadIndices.Version) { Interrupted = interrupted });
        }
    }

    public Task<LoadIndexCatalogView> LoadIndicesAsync(CancellationToken cancellationToken)
    {
        Fail(null);
        lock (_gate)
        {
            LoadIndexFetches++;
            return System.Threading.Tasks.Task.FromResult(LoadIndices);
        }
    }

    public Task<ReportAnswer> ReportRunningAsync(string incarnation, string taskId, string schedulerJobId, bool jobHeldByCluster, CancellationToken cancellationToken) =>
        Apply(incarnation, taskId, "running", schedulerJobId, t =>
        {
            t.JobId = schedulerJobId;
            t.SurvivesAgent = jobHeldByCluster;
        });

    public Task<ReportAnswer> ReportCompletedAsync(string incarnation, string taskId, RunResult result, CancellationToken cancellationToken) =>
        Apply(incarnation, taskId, "completed", ArtifactFiles.Serialize(result), t => t.State = "completed");

    public Task<ReportAnswer> ReportFailedAsync(string incarnation, string taskId, TaskFailure failure, CancellationToken cancellationToken) =>
        Apply(incarnation, taskId, "failed", $"{failure.Code}/{failure.Origin}", t =>
        {
            t.State = "failed";
            t.Failure = failure;
        });

    private Task<ReportAnswer> Apply(string incarnation, string taskId, string kind, string? detail, Action<FakeTask> change)
    {
        Fail(incarnation);
        lock (_gate)
        {
            if (OwnedElsewhere.Contains(taskId))
            {
                Reports.Add((taskId, kind, detail, false));
                return System.Threading.Tasks.Task.FromResult<ReportAnswer>(new ReportAnswer.Rejected(409, ErrorCodes.Task.StaleOwner, "a later incarnation owns it"));
            }
            var ok = _tasks.TryGetValue(taskId, out var task) && task.Owner == agentId && task.State == "running";
            Reports.Add((taskId, kind, detail, ok));
            if (!ok) return System.Threading.Tasks.Task.FromResult<ReportAnswer>(new ReportAnswer.Rejected(409, "task.terminal", "not running or not owned"));
            change(task!);
            return System.Threading.Tasks.Task.FromResult<ReportAnswer>(new ReportAnswer.Accepted());
        }
    }

    /// <param name="incarnation">Null for the one call that carries none (GET /v1/loadindices).</param>
    private void Fail(string? incarnation)
    {
        lock (_gate)
        {
            if (incarnation is not null) Incarnations.Add(incarnation);
            if (IdBoundToOtherKey) throw new AgentIdTakenException("agent id 'agent-1' is bound to another key (fake)");
            if (Unavailable <= 0) return;
            Unavailable--;
        }
        throw new ControlPlaneUnavailableException("connection refused (fake)");
    }

    public const string Circuit = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nx q[0];\nmeasure q -> c;\n";
}

public sealed class FakeTask(string id, long? seed, int shots)
{
    public string Id { get; } = id;

    public long? Seed { get; } = seed;

    public int Shots { get; } = shots;

    public string State { get; set; } = "queued";

    public string? Owner { get; set; }

    public int Attempt { get; set; }

    public string? JobId { get; set; }

    public TaskCommand? Command { get; init; }

    public bool SurvivesAgent { get; set; }

    public bool Interrupted { get; set; }

    public TaskFailure? Failure { get; set; }
}
