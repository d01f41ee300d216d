namespace Qonduit.Placement.FairShare;

/// <summary>
/// One consumer of the tree (Symphony's consumers, Slurm's associations): its shares among its siblings and, per pool,
/// what it owns there. A consumer without children is a leaf, the account users are charged to. The root's name is not
/// part of any path: its children are `/chem`, theirs `/chem/alice`.
/// </summary>
public sealed record ConsumerNode(string Name, int Shares, IReadOnlyList<ConsumerNode> Children, IReadOnlyDictionary<string, PoolOwnership> Pools)
{
    public bool IsLeaf => Children.Count == 0;

    /// <summary>Every node below this one with its path, parents before children.</summary>
    public IEnumerable<(string Path, ConsumerNode Node)> Descendants(string path = "")
    {
        foreach (var child in Children)
        {
            var childPath = $"{path}/{child.Name}";
            yield return (childPath, child);
            foreach (var below in child.Descendants(childPath)) yield return below;
        }
    }
}

/// <summary>
/// What a consumer owns in one pool: <see cref="Owned"/> slots it is guaranteed while it has demand; while it has none it
/// lends at most <see cref="LendLimit"/> of them (null: all); <see cref="BorrowLimit"/> caps what it holds beyond what it
/// owns (null: no cap); a task running on lent slots is interrupted when the owner wants them back, and
/// stopped and requeued <see cref="ReclaimGrace"/> later.
/// </summary>
public sealed record PoolOwnership(int Owned, int? LendLimit = null, int? BorrowLimit = null, TimeSpan ReclaimGrace = default);
