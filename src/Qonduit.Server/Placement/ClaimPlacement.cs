using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Qonduit.Contracts.Placement;
using PlannedPlacement = Qonduit.Placement.Requirements.PlacementDecision;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using Qonduit.Server.Consumers;
using Qonduit.Server.Resources;
using Qonduit.Server.Tasks;

namespace Qonduit.Server.Placement;

/// <summary>A requirement task a claim may take: the resource chosen, and the decision to record.</summary>
/// <param name="QueuedAt">The task's last transition when it was chosen: a task requeued or changed since is not taken.</param>
/// <param name="Kind">The chosen resource's kind ("qpu", or a pool's): what fair share charges the run to.</param>
public sealed record PlacedTask(Guid TaskId, DateTimeOffset QueuedAt, string Resource, string Kind, Qonduit.Contracts.Placement.PlacementDecision Decision)
{
    public bool OnQpu => Kind == "qpu";
}

/// <summary>What placement offers a claim: a task, or when a better lane's grace runs, how long until it may ask again.</summary>
public sealed record PlacementChoice(PlacedTask? Task, TimeSpan? RetryAfter)
{
    public static PlacementChoice None { get; } = new(null, null);
}

/// <summary>
/// Placement at claim time (pull model, docs/orchestration.md "Placement at claim"): for the first queued task of each
/// distinct requirement (claim order, a bounded scan; tasks of one requirement share their candidates) it evaluates the requirement over the live lanes with a free slot
/// (<see cref="PlacementPlanner.Decide"/>) and offers the task to the claiming agent when its lane is the best
/// candidate, or when every better one has been free for <see cref="ServerOptions.PlacementGraceMs"/> without claiming
/// it. The clocks (each alternative's "no candidate since", each better lane's "free since") belong to the requirement,
/// which decides the candidates, and are kept in memory (a restarted server starts them again); a task's `@T` delays
/// still count from its own last (re)queue, since the schedule clamps every clock to the time the task has waited.
/// </summary>
public sealed class ClaimPlacement(IControlPlaneStore store, PlacementLanes lanes, LoadIndexCatalog indices, PlacementReservations reservations,
    ClaimAdmissibility admissibility, PoolBoard pools, TimeProvider time, IOptions<ServerOptions> options)
{
    /// <summary>How many distinct requirements one claim considers: a claim's cost stays bounded however many differ.</summary>
    public const int ScanLimit = 64;

    private readonly ConcurrentDictionary<string, Clocks> _clocks = new(StringComparer.Ordinal);

    /// <param name="order">Fair share (docs/orchestration.md §3): heads of consumers at their cap in a pool do not go
    /// there, and when heads of several consumers could be placed, the consumer of the highest fair-share value in the
    /// chosen resource's kind wins (then priority, then age). Null: the plain order.</param>
    public PlacementChoice Choose(string agentId, ImmutableArray<string> devices, ClaimOrder? order = null)
    {
        var queued = store.QueuedRequirementHeads(ScanLimit);
        if (queued.Count == 0)
        {
            _clocks.Clear();
            return PlacementChoice.None;
        }
        var now = time.GetUtcNow();
        var running = store.RunningPlaced();
        var evaluator = new RequirementEvaluator(indices.All, reservations.Held(running));
        var all = lanes.Read(now, running);
        var byName = all.ToDictionary(l => l.Name, StringComparer.Ordinal);
        bool Serves(PlacementLane lane) => lane.IsQpu ? devices.IsDefaultOrEmpty || devices.Contains(lane.Name) : lane.Agents.Contains(agentId);
        // A command task goes only to an agent that declares its command: the claiming agent runs what it takes.
        var commands = pools.CommandsOf(agentId);
        // The claiming agent is live by claiming, though its first claim is recorded only in the claim's own transaction.
        var free = all.Where(l => l.Candidate.Up || (l.Free && Serves(l))).Select(l => l.Candidate with { Up = true }).ToList();
        var grace = TimeSpan.FromMilliseconds(options.Value.PlacementGraceMs);
        TimeSpan? retry = null;
        // Only when heads of several consumers wait must every head be tried to find fair share's choice.
        var standing = order?.Standing;
        var compare = standing is not null && queued.Select(t => standing.LeafOf(t.Consumer)).Distinct(StringComparer.Ordinal).Skip(1).Any();
        PlacedTask? best = null;
        TaskRecord? bestTask = null;
        if (queued.Count < ScanLimit)
            foreach (var key in _clocks.Keys.Where(k => !queued.Any(t => ClockKey(t) == k))) _clocks.TryRemove(key, out _);
        foreach (var task in queued)
        {
            if (task.Command is { } command && !commands.Contains(command.Name!)) continue;
            var clocks = _clocks.GetOrAdd(ClockKey(task), _ => new Clocks(RequirementParser.Parse(task.Requirement!)));
            lock (clocks)
            {
                // A QPU whose snapshot cannot run this circuit is no candidate for it (admission saw some QPU that could).
                // A pool's own select is ANDed with the task's. A command task's candidates are pools offering its command.
                var capped = order?.CappedFor(task.Consumer);
                var possible = free.Where(l => byName[l.LaneId] is var lane && CommandTasks.Offers(lane, task) && lane.Admits(evaluator, now)
                    && (!lane.IsQpu || admissibility.Admits(task, l.LaneId)) && capped?.Contains(l.LaneId) != true).ToList();
                var decision = Decide(evaluator, clocks, task, possible, now);
                if (decision.Alternative is not { } alternative) continue;
                var mine = decision.Candidates.Select((c, i) => (c, i)).FirstOrDefault(x => Serves(byName[x.c.LaneId]));
                if (mine.c is null) continue;
                var better = decision.Candidates.Take(mine.i).Select(c => c.LaneId).ToList();
                foreach (var name in clocks.FreeSince.Keys.Except(better, StringComparer.Ordinal).ToList()) clocks.FreeSince.Remove(name);
                foreach (var name in better) clocks.FreeSince.TryAdd(name, now);
                var wait = better.Count == 0 ? TimeSpan.Zero : better.Max(n => grace - (now - clocks.FreeSince[n]));
                if (wait > TimeSpan.Zero)
                {
                    retry = retry is { } r && r < wait ? r : wait;
                    continue;
                }
                var simple = clocks.Requirement.Alternatives[alternative].Requirement;
                var candidates = decision.Candidates.Select(c => Describe(evaluator, byName[c.LaneId], simple, now)).ToList();
                var winner = byName[mine.c.LaneId];
                var placed = new PlacedTask(task.Id, task.UpdatedAt, winner.Name, winner.Kind,
                    new Qonduit.Contracts.Placement.PlacementDecision(alternative, candidates, winner.Name));
                if (!compare) return new PlacementChoice(placed, null);
                if (bestTask is null || Before(standing!, task, placed, bestTask, best!))
                {
                    (best, bestTask) = (placed, task);
                }
            }
        }
        return new PlacementChoice(best, best is null ? retry : null);
    }

    /// <summary>
    /// The clocks' key: the requirement, which decides the candidates, and a command task's command, which narrows them
    /// (two commands of one requirement may wait on different pools).
    /// </summary>
    private static string ClockKey(TaskRecord task) => task.Command is { } command ? $"{task.Requirement}\n{command.Name}" : task.Requirement!;

    /// <summary>Fair share's order between two placeable heads: value in each one's resource kind, then priority, then age.</summary>
    private static bool Before(FairShareStanding standing, TaskRecord task, PlacedTask placed, TaskRecord other, PlacedTask otherPlaced)
    {
        var (value, otherValue) = (standing.ValueOf(placed.Kind, task.Consumer), standing.ValueOf(otherPlaced.Kind, other.Consumer));
        if (value != otherValue) return value > otherValue;
        return task.Priority != other.Priority ? task.Priority > other.Priority : task.Sequence < other.Sequence;
    }

    /// <summary>The requirement evaluated over <paramref name="lanes"/> with the task's clocks, which it then moves on.</summary>
    private static PlannedPlacement Decide(RequirementEvaluator evaluator, Clocks clocks, TaskRecord task, IReadOnlyCollection<LaneCandidate> lanes, DateTimeOffset now)
    {
        var since = clocks.NoCandidateSince;
        var noCandidateFor = since.Select(s => s is { } at ? now - at : (TimeSpan?)null).ToList();
        // The task's last transition is its submission or its last requeue: the @T delays count from there.
        var decision = PlacementPlanner.Decide(evaluator, clocks.Requirement, lanes, now, now - task.UpdatedAt, noCandidateFor);
        for (var i = 0; i < since.Length; i++) since[i] = decision.Found[i] ? null : since[i] ?? now;
        return decision;
    }

    public static PlacementCandidate Describe(RequirementEvaluator evaluator, PlacementLane lane, SimpleRequirement requirement, DateTimeOffset now) =>
        new(lane.Name, lane.Kind, lane.Candidate.Up, RequirementReads.Values(evaluator, requirement, lane.Candidate, now));

    private sealed class Clocks(Requirement requirement)
    {
        public Requirement Requirement { get; } = requirement;

        public DateTimeOffset?[] NoCandidateSince { get; } = new DateTimeOffset?[requirement.Alternatives.Count];

        public Dictionary<string, DateTimeOffset> FreeSince { get; } = new(StringComparer.Ordinal);
    }
}
