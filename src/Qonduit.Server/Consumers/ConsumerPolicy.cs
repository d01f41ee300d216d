using Qonduit.Placement.FairShare;

namespace Qonduit.Server.Consumers;

/// <summary>
/// The consumer tree in force and each user's leaf consumer (docs/orchestration.md §3), read once and kept until an admin
/// changes either through <see cref="ConsumersApi"/>, which calls <see cref="Changed"/>. A user without a consumer, or
/// whose consumer is no leaf of the tree in force, is charged to `/default`, a leaf with one share that the server adds
/// when the tree has none.
/// </summary>
public sealed class ConsumerPolicy(IControlPlaneStore store)
{
    public const string DefaultConsumer = "/default";

    /// <summary>The tree in force before an admin sets one: the root alone (every user then in `/default`).</summary>
    public const string EmptyTree = """{"name": "root"}""";

    private volatile InForce? _inForce;
    private int _changes;

    /// <summary>The tree in force with `/default` added where missing, and its stored version (null before the first).</summary>
    public (ConsumerNode Tree, ConsumerTreeRecord? Stored) Current()
    {
        var inForce = Read();
        return (inForce.Tree, inForce.Stored);
    }

    /// <summary>The leaves of the tree in force, by path.</summary>
    public IReadOnlySet<string> Leaves => Read().Leaves;

    /// <summary>The leaf consumer <paramref name="user"/> is charged to now.</summary>
    public string ConsumerOf(string user) => Read().ConsumerOfUser.GetValueOrDefault(user, DefaultConsumer);

    /// <summary>The tree or a user's consumer changed: the next read loads them again.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref _changes);
        _inForce = null;
    }

    public static bool IsLeaf(ConsumerNode tree, string path) => tree.Descendants().Any(d => d.Path == path && d.Node.IsLeaf);

    private InForce Read()
    {
        if (_inForce is { } inForce) return inForce;
        var changes = Volatile.Read(ref _changes);
        var stored = store.ConsumerTreeHistory() is [.., var last] ? last : null;
        var tree = ConsumerTreeJson.ReadTree(stored?.TreeJson ?? EmptyTree);
        if (!tree.Children.Any(c => c.Name == DefaultConsumer[1..]))
            tree = tree with { Children = [.. tree.Children, new ConsumerNode(DefaultConsumer[1..], 1, [], new Dictionary<string, PoolOwnership>())] };
        var leaves = tree.Descendants().Where(d => d.Node.IsLeaf).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var users = store.ListUsers().Where(u => u.Consumer is { } c && leaves.Contains(c)).ToDictionary(u => u.Name, u => u.Consumer!, StringComparer.Ordinal);
        inForce = new InForce(tree, stored, leaves, users);
        // A change while this read ran leaves nothing cached: the next read sees it.
        if (changes == Volatile.Read(ref _changes)) _inForce = inForce;
        return inForce;
    }

    private sealed record InForce(ConsumerNode Tree, ConsumerTreeRecord? Stored, IReadOnlySet<string> Leaves, IReadOnlyDictionary<string, string> ConsumerOfUser);
}
