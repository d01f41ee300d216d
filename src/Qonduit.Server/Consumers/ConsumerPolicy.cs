using Microsoft.Extensions.Options;
using Qonduit.Placement.FairShare;

namespace Qonduit.Server.Consumers;

/// <summary>
/// The consumer tree in force and what fair share reads from it (docs/orchestration.md §3): each user's leaf consumer and
/// the decayed usage of every leaf. A user without a consumer, or whose consumer is no leaf of the tree in force, is
/// charged to `/default`, a leaf with one share that the server adds when the tree has none. Usage is the
/// resource-seconds (claim to end) of each ended task, decayed by its age with <see cref="ServerOptions.FairShareHalfLife"/>;
/// tasks older than ten half-lives (under 0.1% left) are not read.
/// </summary>
public sealed class ConsumerPolicy(IControlPlaneStore store, TimeProvider time, IOptions<ServerOptions> options)
{
    public const string DefaultConsumer = "/default";

    /// <summary>The tree in force before an admin sets one: the root alone (every user then in `/default`).</summary>
    public const string EmptyTree = """{"name": "root"}""";

    /// <summary>The tree in force with `/default` added where missing, and its stored version (null before the first).</summary>
    public (ConsumerNode Tree, ConsumerTreeRecord? Stored) Current()
    {
        var stored = store.ConsumerTreeHistory() is [.., var last] ? last : null;
        var tree = ConsumerTreeJson.ReadTree(stored?.TreeJson ?? EmptyTree);
        if (tree.Children.Any(c => c.Name == DefaultConsumer[1..])) return (tree, stored);
        return (tree with { Children = [.. tree.Children, new ConsumerNode(DefaultConsumer[1..], 1, [], new Dictionary<string, PoolOwnership>())] }, stored);
    }

    public static bool IsLeaf(ConsumerNode tree, string path) => tree.Descendants().Any(d => d.Path == path && d.Node.IsLeaf);

    /// <summary>The Fair Tree report of the tree in force under the decayed usage now.</summary>
    public IReadOnlyList<FairShareRow> Report()
    {
        var (tree, _) = Current();
        var leaves = tree.Descendants().Where(d => d.Node.IsLeaf).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var consumerOf = store.ListUsers().ToDictionary(u => u.Name, u => u.Consumer is { } c && leaves.Contains(c) ? c : DefaultConsumer, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var halfLife = options.Value.FairShareHalfLife;
        var usage = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var run in store.FinishedRuns(now - 10 * halfLife))
        {
            var consumer = consumerOf.GetValueOrDefault(run.Tenant, DefaultConsumer);
            var seconds = Math.Max(0, (run.FinishedAt - run.ClaimedAt).TotalSeconds);
            usage[consumer] = usage.GetValueOrDefault(consumer) + UsageDecay.Decayed(seconds, now - run.FinishedAt, halfLife);
        }
        return FairTree.Compute(tree, usage);
    }
}
