namespace Qonduit.Errors.Tests;

/// <summary>"Did you mean": the known names an unknown one is a slip of.</summary>
public sealed class SuggestionsTests
{
    private static readonly string[] Devices = ["ibm_fez", "ibm_fez-ideal", "ibm_brisbane", "ibm_torino", "line5", "grid4"];

    [Theory]
    [InlineData("ibm_fezz", "ibm_fez")]
    [InlineData("ibm_fe", "ibm_fez")]
    [InlineData("ibm_fze", "ibm_fez")]
    [InlineData("IBM_FEZ", "ibm_fez")]
    [InlineData("ibm_brisbne", "ibm_brisbane")]
    [InlineData("lin5", "line5")]
    public void A_slip_of_one_or_two_edits_finds_the_name_meant(string typed, string meant) =>
        Assert.Equal(meant, Suggestions.For(typed, Devices)[0]);

    [Fact]
    public void A_transposition_costs_one_edit_so_two_of_them_still_suggest()
    {
        Assert.Equal(["submit"], Suggestions.For("sbumti", ["submit", "serve"]));
    }

    [Fact]
    public void Names_three_edits_away_or_unrelated_are_not_suggested()
    {
        Assert.Empty(Suggestions.For("ibm_", Devices));
        Assert.Empty(Suggestions.For("quantinuum", Devices));
    }

    [Fact]
    public void Closest_come_first_then_alphabetically_and_at_most_three()
    {
        var known = new[] { "cx", "cy", "cz", "ch", "rx", "x" };

        var suggested = Suggestions.For("cq", known);

        Assert.Equal(3, suggested.Count);
        Assert.Equal(["ch", "cx", "cy"], suggested);
        Assert.Equal(["cx", "rx", "x"], Suggestions.For("cxx", ["x", "rx", "cx"]));
    }

    [Fact]
    public void An_exact_name_an_empty_one_and_a_huge_one_get_no_suggestion()
    {
        Assert.Empty(Suggestions.For("line5", ["line5"]));
        Assert.Empty(Suggestions.For("", Devices));
        Assert.Empty(Suggestions.For(new string('a', 100_000), [new string('a', 100_001)]));
    }

    [Fact]
    public void The_sentence_names_every_suggestion_or_is_empty()
    {
        Assert.Equal(" (did you mean: ibm_fez?)", Suggestions.DidYouMean(["ibm_fez"]));
        Assert.Equal(" (did you mean: cx, cz?)", Suggestions.DidYouMean(["cx", "cz"]));
        Assert.Equal("", Suggestions.DidYouMean([]));
    }
}
