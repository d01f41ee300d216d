using Microsoft.Extensions.Options;
using Qonduit.Placement.FairShare;

namespace Qonduit.Server.Consumers;

/// <summary>
/// Fair share in force (docs/orchestration.md §3): the Fair Tree of each pool kind under its decayed usage, recomputed
/// every <see cref="ServerOptions.FairSharePeriod"/> by <see cref="FairShareRecompute"/>, at once when the tree or a
/// user's consumer changes, and on demand. Claims read the last standing, never recompute it.
/// </summary>
public sealed class FairShareBoard(IControlPlaneStore store, ConsumerPolicy policy, TimeProvider time, IOptions<ServerOptions> options)
{
    /// <summary>The pool kinds usage is kept apart for: a QPU's lanes, and the kinds agents may declare pools of.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["qpu", .. Qonduit.Contracts.Resources.PoolDeclaration.Kinds];

    private readonly Lock _gate = new();
    private readonly UsageLedger _ledger = new(options.Value.FairShareHalfLife);
    private volatile FairShareStanding? _standing;

    /// <summary>The last standing computed (the first read computes one).</summary>
    public FairShareStanding Standing => _standing ?? Recompute();

    public FairShareStanding Recompute()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _ledger.Advance(store, now);
            var (tree, stored) = policy.Current();
            var leaves = policy.Leaves;
            var running = store.RunningCharges();
            var reports = Kinds.ToDictionary(k => k, k => FairTree.Compute(tree, _ledger.Of(k, leaves, running, now)), StringComparer.Ordinal);
            var standing = new FairShareStanding(tree, stored?.Version ?? 0, leaves, reports, now);
            _standing = standing;
            return standing;
        }
    }
}

/// <summary>
/// One computation of fair share: the tree it used and, per pool kind, the Fair Tree report. Claims take consumers in
/// <see cref="Order"/>: the highest fair-share value first, consumers of equal value (Slurm's tied rank) together.
/// </summary>
public sealed record FairShareStanding(ConsumerNode Tree, long TreeVersion, IReadOnlySet<string> Leaves, IReadOnlyDictionary<string, IReadOnlyList<FairShareRow>> Reports,
    DateTimeOffset ComputedAt)
{
    private readonly Dictionary<string, Dictionary<string, double>> _values = Reports.ToDictionary(
        r => r.Key, r => r.Value.Where(row => row.FairShare is not null).ToDictionary(row => row.Path, row => row.FairShare!.Value, StringComparer.Ordinal),
        StringComparer.Ordinal);

    /// <summary>Whether any consumer owns slots in some pool: only then do allocations cap claims and reclaim.</summary>
    public bool AnyOwnership { get; } = Tree.Descendants().Any(d => d.Node.Pools.Values.Any(p => p.Owned > 0));

    /// <summary>The leaf a task's consumer is charged as: itself, or `/default` when it is no leaf of this tree.</summary>
    public string LeafOf(string consumer) => Leaves.Contains(consumer) ? consumer : ConsumerPolicy.DefaultConsumer;

    /// <summary>A leaf's fair-share value (rank / leaves) in a pool kind.</summary>
    public double ValueOf(string kind, string consumer) =>
        _values.TryGetValue(kind, out var values) ? values.GetValueOrDefault(LeafOf(consumer)) : 0;

    /// <summary><paramref name="consumers"/> grouped by fair-share value in <paramref name="kind"/>, highest first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Order(string kind, IEnumerable<string> consumers) =>
        [.. consumers.GroupBy(c => ValueOf(kind, c)).OrderByDescending(g => g.Key).Select(g => (IReadOnlyList<string>)[.. g])];
}
