using Qonduit.Cli.Results;
using Qonduit.Contracts.RunDirectories;

namespace Qonduit.Cli.Tests.Results;

/// <summary>What a person reads of a result's outcomes: the most frequent first, a bounded list, a summary, no dead registers.</summary>
public sealed class CountsViewTests
{
    /// <summary>1,024 shots over 1,019 outcomes of 10 bits: five outcomes twice, the rest once.</summary>
    private static Dictionary<string, int> Spread()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 1019; i++) counts[Convert.ToString(i, 2).PadLeft(10, '0')] = i < 5 ? 2 : 1;
        return counts;
    }

    [Fact]
    public void The_most_frequent_sixteen_come_first_then_the_rest_and_a_summary()
    {
        var view = CountsView.Of(Spread(), 1024, 1, null, CountsView.DefaultTop);

        var lines = view.Lines().ToList();
        Assert.Equal(16 + 2, lines.Count);
        Assert.Equal(["0000000000  2", "0000000001  2", "0000000010  2", "0000000011  2", "0000000100  2", "0000000101  1"], lines.Take(6));
        Assert.Equal("… 1,003 more outcomes (1,003 shots); --all lists them", lines[16]);
        Assert.Equal("1,024 shots, 1,019 distinct outcomes, 1 simulation", lines[17]);
    }

    [Fact]
    public void Ties_are_broken_by_the_bitstring_so_the_listing_is_the_same_every_time()
    {
        var view = CountsView.Of(new Dictionary<string, int> { ["11"] = 5, ["01"] = 5, ["10"] = 7 }, 17, 3, null, null);

        Assert.Equal(["10", "01", "11"], view.Rows.Select(r => r.Outcome));
        Assert.Equal("17 shots, 3 distinct outcomes, 3 simulations", view.Summary);
        Assert.Null(view.More);
    }

    [Fact]
    public void Top_n_lists_n_and_all_lists_every_outcome()
    {
        Assert.Equal(3, CountsView.Of(Spread(), 1024, 1, null, 3).Rows.Count);
        var all = CountsView.Of(Spread(), 1024, 1, null, null);
        Assert.Equal(1019, all.Rows.Count);
        Assert.DoesNotContain(all.Lines(), l => l.StartsWith('…'));
    }

    [Fact]
    public void A_register_no_measurement_writes_is_left_out_and_named()
    {
        // Registers c (2 bits, measured), flags (3 bits, never measured), m (1 bit, measured): keys read "m flags c".
        ClassicalRegisterShape[] registers = [new("c", 2, true), new("flags", 3, false), new("m", 1, true)];
        var counts = new Dictionary<string, int> { ["1 000 11"] = 60, ["0 000 00"] = 40 };

        var view = CountsView.Of(counts, 100, 1, registers, null);

        Assert.Equal(["1 11  60", "0 00  40", "100 shots, 2 distinct outcomes, 1 simulation", "left out, never measured: register flags (3 bits)"], view.Lines());
    }

    [Fact]
    public void Keys_stay_whole_when_every_register_is_measured_none_is_or_the_result_does_not_say()
    {
        var counts = new Dictionary<string, int> { ["0 11"] = 1 };

        Assert.Equal("0 11", CountsView.Of(counts, 1, 1, [new("a", 2, true), new("b", 1, true)], null).Rows[0].Outcome);
        Assert.Equal("0 11", CountsView.Of(counts, 1, 1, [new("a", 2, false), new("b", 1, false)], null).Rows[0].Outcome);
        Assert.Equal("0 11", CountsView.Of(counts, 1, 1, null, null).Rows[0].Outcome);
        Assert.Empty(CountsView.Of(counts, 1, 1, null, null).Omitted);
    }

    [Fact]
    public void Exact_probabilities_list_the_most_probable_and_say_how_much_probability_the_rest_holds()
    {
        (string, double)[] probabilities = [("00", 0.25), ("11", 0.5), ("01", 0.125)];

        var cut = CountsView.OfProbabilities(probabilities, null, 2);
        var whole = CountsView.OfProbabilities(probabilities, null, null);

        Assert.Equal(["11  0.5", "00  0.25", "… more outcomes with probability 0.25 in all; --all lists them", "exact probabilities: the 2 most probable outcomes"], cut.Lines());
        Assert.Null(whole.More);
        Assert.Equal("exact probabilities: 3 outcomes with nonzero probability", whole.Summary);
    }
}
