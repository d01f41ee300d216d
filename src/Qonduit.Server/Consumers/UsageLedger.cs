using Qonduit.Placement.FairShare;

namespace Qonduit.Server.Consumers;

/// <summary>
/// Decayed usage per pool kind and leaf consumer, kept up to date incrementally: each <see cref="Advance"/> decays what
/// it holds by the time since the last one and adds the tasks that ended since, each decayed by its own age. The first
/// reads the tasks that ended within ten half-lives (under 0.1% left; every task when usage does not decay), so a
/// restarted server starts from the same figures. Usage is the resource-seconds from claim to end. Not thread-safe:
/// <see cref="FairShareBoard"/> serialises it.
/// </summary>
internal sealed class UsageLedger(TimeSpan halfLife)
{
    private readonly Dictionary<(string Kind, string Consumer), double> _usage = [];
    private DateTimeOffset? _at;
    private DateTimeOffset _readUpTo;
    private HashSet<Guid> _readAtEdge = [];

    public void Advance(IControlPlaneStore store, DateTimeOffset now)
    {
        if (_at is { } at)
        {
            var factor = UsageDecay.Factor(now - at, halfLife);
            foreach (var key in _usage.Keys.ToList()) _usage[key] *= factor;
        }
        else _readUpTo = halfLife <= TimeSpan.Zero ? DateTimeOffset.UnixEpoch : now - 10 * halfLife;
        // Ended tasks are read from the last end time seen, inclusive: ones that ended at that very tick are skipped by id.
        var (from, seen) = (_readUpTo, _readAtEdge);
        var edge = new HashSet<Guid>(seen);
        foreach (var run in store.FinishedRuns(from))
        {
            if (run.FinishedAt == from && seen.Contains(run.TaskId)) continue;
            var key = (run.Kind, run.Consumer);
            _usage[key] = _usage.GetValueOrDefault(key) + UsageDecay.Decayed(Seconds(run.ClaimedAt, run.FinishedAt), now - run.FinishedAt, halfLife);
            if (run.FinishedAt > _readUpTo)
            {
                _readUpTo = run.FinishedAt;
                edge.Clear();
            }
            if (run.FinishedAt == _readUpTo) edge.Add(run.TaskId);
        }
        _readAtEdge = edge;
        _at = now;
    }

    /// <summary>
    /// One pool kind's usage per leaf of <paramref name="tree"/>: what ended, plus what the running tasks have held so far
    /// (a long task is charged as it runs, not only when it ends). A consumer that is no leaf of the tree is charged to `/default`.
    /// </summary>
    public Dictionary<string, double> Of(string kind, IReadOnlySet<string> leaves, IEnumerable<RunningCharge> running, DateTimeOffset now)
    {
        var usage = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string consumer, double seconds)
        {
            var leaf = leaves.Contains(consumer) ? consumer : ConsumerPolicy.DefaultConsumer;
            usage[leaf] = usage.GetValueOrDefault(leaf) + seconds;
        }
        foreach (var ((k, consumer), seconds) in _usage)
            if (k == kind) Add(consumer, seconds);
        foreach (var run in running)
            if (run.Kind == kind) Add(run.Consumer, Seconds(run.ClaimedAt, now));
        return usage;
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);
}
