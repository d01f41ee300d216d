using Qonduit.Placement.FairShare;

namespace Qonduit.Placement.Tests.FairShare;

/// <summary>Symphony's resource plan on the worked examples of docs/orchestration.md §3, lending limits and reclaim.</summary>
public sealed class PoolAllocationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static ConsumerNode Owners(string lendBorrow = "") => ConsumerTreeJson.ReadTree("""
        {"name": "root", "children": [
          {"name": "chem", "pools": {"qpu": {"owned": 6LEND}}},
          {"name": "opt", "pools": {"qpu": {"owned": 4}}}]}
        """.Replace("LEND", lendBorrow, StringComparison.Ordinal));

    [Fact]
    public void An_owner_lends_its_idle_slots_to_a_sibling_and_takes_them_back_when_its_demand_returns()
    {
        var lent = PoolAllocation.Allocate(Owners(), "qpu", 10, new Dictionary<string, int> { ["/chem"] = 2, ["/opt"] = 9 });
        Assert.Equal((2, 8), (lent["/chem"], lent["/opt"]));

        var back = PoolAllocation.Allocate(Owners(), "qpu", 10, new Dictionary<string, int> { ["/chem"] = 6, ["/opt"] = 9 });
        Assert.Equal((6, 4), (back["/chem"], back["/opt"]));
    }

    [Fact]
    public void Reclaim_takes_the_borrowers_newest_tasks_back_for_the_owner()
    {
        var tree = Owners();
        var opt = Enumerable.Range(0, 8).Select(i => new RunningTask(Guid.NewGuid(), "/opt", T0.AddSeconds(i))).ToList();
        var chem = Enumerable.Range(0, 2).Select(i => new RunningTask(Guid.NewGuid(), "/chem", T0.AddSeconds(i))).ToList();
        var allocation = PoolAllocation.Allocate(tree, "qpu", 10, new Dictionary<string, int> { ["/chem"] = 6, ["/opt"] = 9 });

        var reclaimed = Reclaim.Choose(tree, "qpu", allocation, [.. opt, .. chem]);

        Assert.Equal(opt[4..].Select(t => t.TaskId).Reverse(), reclaimed.Select(t => t.TaskId));
    }

    [Fact]
    public void Nothing_is_reclaimed_while_every_owner_runs_what_it_is_allocated()
    {
        var tree = Owners();
        var allocation = PoolAllocation.Allocate(tree, "qpu", 10, new Dictionary<string, int> { ["/chem"] = 2, ["/opt"] = 9 });
        var running = Enumerable.Range(0, 8).Select(i => new RunningTask(Guid.NewGuid(), "/opt", T0)).Append(new RunningTask(Guid.NewGuid(), "/chem", T0))
            .Append(new RunningTask(Guid.NewGuid(), "/chem", T0)).ToList();

        Assert.Empty(Reclaim.Choose(tree, "qpu", allocation, running));
    }

    [Fact]
    public void Unowned_slots_are_shared_by_ratio_capped_at_demand_and_the_excess_goes_to_the_others()
    {
        var tree = ConsumerTreeJson.ReadTree("""{"name": "root", "children": [{"name": "a", "shares": 1}, {"name": "b", "shares": 2}, {"name": "c", "shares": 1}]}""");

        var shared = PoolAllocation.Allocate(tree, "sim", 16, new Dictionary<string, int> { ["/a"] = 10, ["/b"] = 2, ["/c"] = 10 });

        Assert.Equal((7, 2, 7), (shared["/a"], shared["/b"], shared["/c"]));
        var uncapped = PoolAllocation.Allocate(tree, "sim", 16, new Dictionary<string, int> { ["/a"] = 10, ["/b"] = 10, ["/c"] = 10 });
        Assert.Equal((4, 8, 4), (uncapped["/a"], uncapped["/b"], uncapped["/c"]));
    }

    [Fact]
    public void A_lend_limit_keeps_owned_slots_idle_and_a_borrow_limit_caps_what_a_sibling_takes()
    {
        var lendTwo = PoolAllocation.Allocate(Owners(""", "lend": 2"""), "qpu", 10, new Dictionary<string, int> { ["/chem"] = 0, ["/opt"] = 9 });
        Assert.Equal((0, 6), (lendTwo["/chem"], lendTwo["/opt"]));

        var tree = ConsumerTreeJson.ReadTree("""
            {"name": "root", "children": [
              {"name": "chem", "pools": {"qpu": {"owned": 6}}},
              {"name": "opt", "pools": {"qpu": {"owned": 4, "borrow": 1}}}]}
            """);
        var borrowOne = PoolAllocation.Allocate(tree, "qpu", 10, new Dictionary<string, int> { ["/chem"] = 0, ["/opt"] = 9 });
        // Its own 4 and one borrowed: the borrow limit holds whether chem's idle slots come lent or shared.
        Assert.Equal(5, borrowOne["/opt"]);
    }

    [Fact]
    public void Ownership_deep_in_the_tree_counts_for_its_account_and_its_idle_slots_go_to_a_sibling_without_ownership()
    {
        var tree = ConsumerTreeJson.ReadTree("""
            {"name": "root", "children": [
              {"name": "chem", "children": [{"name": "alice", "pools": {"qpu": {"owned": 4}}}, {"name": "bob"}]},
              {"name": "opt"}]}
            """);

        var allocation = PoolAllocation.Allocate(tree, "qpu", 8, new Dictionary<string, int> { ["/chem/alice"] = 1, ["/chem/bob"] = 10, ["/opt"] = 10 });

        // chem owns 4 through alice and takes them; inside chem alice uses 1 and bob gets the other 3; the 4 unowned go by ratio.
        Assert.Equal((1, 5, 2), (allocation["/chem/alice"], allocation["/chem/bob"], allocation["/opt"]));
        Assert.Equal(8, allocation.Values.Sum());
    }

    [Fact]
    public void Decayed_usage_halves_after_one_half_life()
    {
        Assert.Equal(50, UsageDecay.Decayed(100, TimeSpan.FromDays(7), TimeSpan.FromDays(7)), 1e-9);
        Assert.Equal(Math.Pow(0.5, 300.0 / 604_800), UsageDecay.Factor(TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)), 1e-15);
        Assert.Equal(100, UsageDecay.Decayed(100, TimeSpan.FromDays(7), TimeSpan.Zero));
    }
}
