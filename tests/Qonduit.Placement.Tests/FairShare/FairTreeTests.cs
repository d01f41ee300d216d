using Qonduit.Placement.FairShare;

namespace Qonduit.Placement.Tests.FairShare;

/// <summary>Slurm's Fair Tree on the worked example of docs/orchestration.md §3, and its tie rules.</summary>
public sealed class FairTreeTests
{
    private static ConsumerNode Tree(string json) => ConsumerTreeJson.ReadTree(json);

    private const string Example = """
        {"name": "root", "children": [
          {"name": "chem", "shares": 60, "children": [{"name": "alice"}, {"name": "bob"}]},
          {"name": "opt", "shares": 40, "children": [{"name": "carol"}]}]}
        """;

    [Fact]
    public void The_worked_example_gives_slurms_level_fairshare_and_fairshare_values()
    {
        var rows = FairTree.Compute(Tree(Example), new Dictionary<string, double> { ["/chem/alice"] = 300, ["/chem/bob"] = 100, ["/opt/carol"] = 600 })
            .ToDictionary(r => r.Path);

        Assert.Equal(1.5, rows["/chem"].LevelFs, 1e-9);
        Assert.Equal(0.4 / 0.6, rows["/opt"].LevelFs, 1e-9);
        Assert.Equal(0.5 / 0.75, rows["/chem/alice"].LevelFs, 1e-9);
        Assert.Equal(2.0, rows["/chem/bob"].LevelFs, 1e-9);
        Assert.Equal(1.0, rows["/opt/carol"].LevelFs, 1e-9);
        Assert.Equal(1.0, rows["/chem/bob"].FairShare!.Value, 1e-9);
        Assert.Equal(2.0 / 3, rows["/chem/alice"].FairShare!.Value, 1e-9);
        Assert.Equal(1.0 / 3, rows["/opt/carol"].FairShare!.Value, 1e-9);
        Assert.Equal((0.6, 400.0, 0.4), (rows["/chem"].NormShares, rows["/chem"].RawUsage, rows["/chem"].EffectiveUsage));
        Assert.Equal(("/chem", "alice"), (rows["/chem/alice"].Account, rows["/chem/alice"].User));
    }

    [Fact]
    public void Rows_come_in_the_walks_order_the_order_pending_work_is_taken_in()
    {
        var rows = FairTree.Compute(Tree(Example), new Dictionary<string, double> { ["/chem/alice"] = 300, ["/chem/bob"] = 100, ["/opt/carol"] = 600 });

        Assert.Equal(["/chem", "/chem/bob", "/chem/alice", "/opt", "/opt/carol"], rows.Select(r => r.Path));
    }

    [Fact]
    public void Tied_users_share_a_rank_and_the_next_user_still_counts_every_user_before_it()
    {
        var tree = Tree("""{"name": "root", "children": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}""");

        var rows = FairTree.Compute(tree, new Dictionary<string, double> { ["/a"] = 100, ["/b"] = 100, ["/c"] = 200 }).ToDictionary(r => r.Path);

        Assert.Equal((1.0, 1.0, 1.0 / 3), (rows["/a"].FairShare, rows["/b"].FairShare, rows["/c"].FairShare));
    }

    [Fact]
    public void Users_without_usage_have_infinite_level_fairshare_and_tie_at_the_top()
    {
        var tree = Tree("""{"name": "root", "children": [{"name": "a"}, {"name": "b"}, {"name": "c"}]}""");

        var rows = FairTree.Compute(tree, new Dictionary<string, double> { ["/c"] = 5 }).ToDictionary(r => r.Path);

        Assert.True(double.IsPositiveInfinity(rows["/a"].LevelFs));
        Assert.Equal((1.0, 1.0, 1.0 / 3), (rows["/a"].FairShare, rows["/b"].FairShare, rows["/c"].FairShare));
    }

    [Fact]
    public void Tied_sibling_accounts_have_their_children_merged_and_sorted_as_one_account()
    {
        // x and y tie at the top (same shares, same usage); merged, y's child y2 (least used) ranks above x's children.
        var tree = Tree("""
            {"name": "root", "children": [
              {"name": "x", "children": [{"name": "x1"}, {"name": "x2"}]},
              {"name": "y", "children": [{"name": "y1"}, {"name": "y2"}]}]}
            """);
        var usage = new Dictionary<string, double> { ["/x/x1"] = 50, ["/x/x2"] = 50, ["/y/y1"] = 90, ["/y/y2"] = 10 };

        var leaves = FairTree.Compute(tree, usage).Where(r => r.User is not null).ToList();

        // LF: y2 = 0.5/0.1 = 5, x1 = x2 = 1 (tied), y1 = 0.5/0.9. Without the merge y's children would all follow x's.
        Assert.Equal(["/y/y2", "/x/x1", "/x/x2", "/y/y1"], leaves.Select(r => r.Path));
        Assert.Equal([1.0, 0.75, 0.75, 0.25], leaves.Select(r => r.FairShare!.Value));
    }

    [Fact]
    public void A_consumer_without_shares_ranks_last_whatever_its_usage()
    {
        var tree = Tree("""{"name": "root", "children": [{"name": "a", "shares": 0}, {"name": "b"}]}""");

        var rows = FairTree.Compute(tree, new Dictionary<string, double> { ["/b"] = 1000 }).ToDictionary(r => r.Path);

        Assert.Equal((0.5, 1.0), (rows["/a"].FairShare!.Value, rows["/b"].FairShare!.Value));
    }
}
