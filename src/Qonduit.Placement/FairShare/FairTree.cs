namespace Qonduit.Placement.FairShare;

/// <summary>
/// One line of the Fair Tree report, the columns of Slurm's `sshare -l`: <see cref="NormShares"/> is the consumer's
/// shares over its siblings' (S), <see cref="EffectiveUsage"/> its usage over its siblings' (U), <see cref="LevelFs"/>
/// S / U (∞ without usage, 0 without shares); <see cref="FairShare"/> (leaves only) is rank / number of leaves.
/// <see cref="Account"/> is an inner consumer's own path, and a leaf's parent's path beside its <see cref="User"/>.
/// </summary>
public sealed record FairShareRow(
    string Path, string Account, string? User, int RawShares, double NormShares, double RawUsage, double EffectiveUsage, double LevelFs, double? FairShare);

/// <summary>
/// Slurm's Fair Tree (docs/orchestration.md §3): at each level LF = S / U; a depth-first walk visits siblings by
/// descending LF and ranks the leaves N…1 in the order it meets them; fairshare = rank / N. Ties as Slurm documents
/// them: leaves met one after another with equal LF share the first one's rank (the next leaf's rank still counts every
/// leaf before it), and sibling accounts with equal LF have their children merged and sorted together, as if one account.
/// Rows come in the walk's order, so the report reads top to bottom as the order pending work is taken in.
/// </summary>
public static class FairTree
{
    /// <summary>Relative tolerance under which two LF values are a tie (they are ratios of sums, computed in different orders).</summary>
    private const double TieTolerance = 1e-12;

    public static IReadOnlyList<FairShareRow> Compute(ConsumerNode root, IReadOnlyDictionary<string, double> leafUsage)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(leafUsage);
        var usage = new Dictionary<string, double>(StringComparer.Ordinal);
        Sum(root, "", leafUsage, usage);
        var levels = new Dictionary<string, Level>(StringComparer.Ordinal);
        Levels(root, "", usage, levels);
        var walk = new Walk(root.Descendants().Count(d => d.Node.IsLeaf), usage, levels);
        walk.Visit([.. root.Children.Select(c => ($"/{c.Name}", c))]);
        return walk.Rows;
    }

    private sealed record Level(double NormShares, double EffectiveUsage, double LevelFs);

    private static double Sum(ConsumerNode node, string path, IReadOnlyDictionary<string, double> leafUsage, Dictionary<string, double> usage)
    {
        var total = node.IsLeaf ? leafUsage.GetValueOrDefault(path) : node.Children.Sum(c => Sum(c, $"{path}/{c.Name}", leafUsage, usage));
        usage[path] = total;
        return total;
    }

    private static void Levels(ConsumerNode node, string path, Dictionary<string, double> usage, Dictionary<string, Level> levels)
    {
        double shares = node.Children.Sum(c => c.Shares), used = node.Children.Sum(c => usage[$"{path}/{c.Name}"]);
        foreach (var child in node.Children)
        {
            var childPath = $"{path}/{child.Name}";
            var s = shares == 0 ? 0 : child.Shares / shares;
            var u = used == 0 ? 0 : usage[childPath] / used;
            levels[childPath] = new Level(s, u, child.Shares == 0 ? 0 : u == 0 ? double.PositiveInfinity : s / u);
            Levels(child, childPath, usage, levels);
        }
    }

    private static bool Tied(double a, double b) =>
        a == b || (double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= TieTolerance * Math.Max(Math.Abs(a), Math.Abs(b)));

    private sealed class Walk(int leaves, Dictionary<string, double> usage, Dictionary<string, Level> levels)
    {
        private readonly double _leaves = leaves;
        private int _next = leaves;

        public List<FairShareRow> Rows { get; } = [];

        public void Visit(List<(string Path, ConsumerNode Node)> siblings)
        {
            // Descending LF; the path orders equal values so the walk is the same on every run.
            var ordered = siblings.OrderByDescending(s => levels[s.Path].LevelFs).ThenBy(s => s.Path, StringComparer.Ordinal).ToList();
            int? rank = null;
            double? previousLeafFs = null;
            for (var i = 0; i < ordered.Count; i++)
            {
                var (path, node) = ordered[i];
                var level = levels[path];
                if (node.IsLeaf)
                {
                    if (previousLeafFs is not { } previous || !Tied(previous, level.LevelFs)) rank = _next;
                    Rows.Add(Row(path, node, level, rank!.Value / _leaves));
                    _next--;
                    previousLeafFs = level.LevelFs;
                    continue;
                }
                previousLeafFs = null;
                // Sibling accounts tied with this one: their children are merged and sorted as one account's.
                var tied = new List<(string Path, ConsumerNode Node)> { (path, node) };
                while (i + 1 < ordered.Count && !ordered[i + 1].Node.IsLeaf && Tied(levels[ordered[i + 1].Path].LevelFs, level.LevelFs)) tied.Add(ordered[++i]);
                foreach (var (accountPath, account) in tied) Rows.Add(Row(accountPath, account, levels[accountPath], null));
                Visit([.. tied.SelectMany(t => t.Node.Children.Select(c => ($"{t.Path}/{c.Name}", c)))]);
            }
        }

        private FairShareRow Row(string path, ConsumerNode node, Level level, double? fairShare)
        {
            var parent = path[..path.LastIndexOf('/')];
            return node.IsLeaf
                ? new FairShareRow(path, parent.Length == 0 ? "/" : parent, node.Name, node.Shares, level.NormShares, usage[path], level.EffectiveUsage, level.LevelFs, fairShare)
                : new FairShareRow(path, path, null, node.Shares, level.NormShares, usage[path], level.EffectiveUsage, level.LevelFs, null);
        }
    }
}
