using Qonduit.Placement.Elim;
using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Tests.Elim;

public sealed class ElimLineTests
{
    private static readonly IndexCatalog Catalog = new([
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, increasing: false),
        new IndexDeclaration("qpu_queue_depth", IndexType.Numeric),
        new IndexDeclaration("qpu_calibration_age", IndexType.Numeric, unit: "s"),
        new IndexDeclaration("kind", IndexType.String),
        new IndexDeclaration("a", IndexType.Numeric),
    ]);

    [Fact]
    public void Acceptance_5_an_LSF_line_of_three_pairs_gives_three_values()
    {
        var parse = ElimLine.Parse("3 qpu_fidelity 0.995 qpu_queue_depth 3 qpu_calibration_age 1200", Catalog);
        Assert.True(parse.Accepted);
        Assert.Equal(
            [("qpu_fidelity", 0.995), ("qpu_queue_depth", 3.0), ("qpu_calibration_age", 1200.0)],
            parse.Readings.Select(r => (r.Name, r.Value.Number)));
    }

    [Theory]
    [InlineData("2 a 1", ElimRejection.WrongCount)]
    [InlineData("1 a 1 a 2", ElimRejection.WrongCount)]
    [InlineData("1 a NaN", ElimRejection.NonFinite)]
    [InlineData("1 a Infinity", ElimRejection.NonFinite)]
    [InlineData("1 a 1e999", ElimRejection.NonFinite)]
    [InlineData("1 a high", ElimRejection.NonFinite)]
    [InlineData("1 a 1.5e30", ElimRejection.OutOfRange)]
    [InlineData("1 a -2e30", ElimRejection.OutOfRange)]
    [InlineData("1 gpu_util 3", ElimRejection.Undeclared)]
    [InlineData("1 9lives 3", ElimRejection.BadName)]
    [InlineData("1 a@ 3", ElimRejection.BadName)]
    [InlineData("x a 3", ElimRejection.Malformed)]
    [InlineData("", ElimRejection.Malformed)]
    public void Acceptance_5_a_bad_line_is_refused_whole_with_its_reason(string line, ElimRejection rejection)
    {
        var parse = ElimLine.Parse(line, Catalog);
        Assert.Equal(rejection, parse.Rejection);
        Assert.Empty(parse.Readings);
        Assert.False(string.IsNullOrEmpty(parse.Reason));
    }

    [Fact]
    public void A_value_of_exactly_1e30_is_accepted()
    {
        Assert.True(ElimLine.Parse("1 a -1e30", Catalog).Accepted);
    }

    [Fact]
    public void Name_at_lane_scopes_a_value_and_a_string_index_keeps_its_text()
    {
        var parse = ElimLine.Parse("2 qpu_queue_depth@ibm_fez/0 4 kind sim", Catalog);
        Assert.Equal(("qpu_queue_depth", "ibm_fez/0"), (parse.Readings[0].Name, parse.Readings[0].Lane));
        Assert.Null(parse.Readings[1].Lane);
        Assert.Equal("sim", parse.Readings[1].Value.Text);
    }

    [Fact]
    public void A_line_longer_than_the_bound_is_refused_before_it_is_split()
    {
        Assert.Equal(ElimRejection.Malformed, ElimLine.Parse("1 a " + new string('1', ElimLine.MaxLength), Catalog).Rejection);
    }
}
