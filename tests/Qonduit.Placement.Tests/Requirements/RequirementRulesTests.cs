using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Tests.Requirements;

public sealed class RequirementRulesTests
{
    [Fact]
    public void Span_and_same_parse_and_are_reported_present_then_refused_as_unsupported_with_their_column()
    {
        var requirement = RequirementParser.Parse("{select[kind=='sim'] span[ptile=2]} || {order[load] same[site:rack]}@1m");
        Assert.Equal([("span[]", 22), ("same[]", 53)], requirement.UnsupportedSections);
        Assert.Equal(2, requirement.Alternatives[0].Requirement.Span!.Value);
        Assert.Equal(["site", "rack"], requirement.Alternatives[1].Requirement.Same!.Indices);

        var refused = Assert.Throws<RequirementException>(() => RequirementRules.RefuseUnsupported(requirement));
        Assert.Equal(ErrorCodes.Requirement.Unsupported, refused.Code);
        Assert.Equal(22, refused.Column);
        Assert.Equal(400, Status.Of(ErrorCodes.Requirement.Unsupported));
    }

    [Fact]
    public void A_requirement_without_span_or_same_has_no_unsupported_section()
    {
        Assert.Empty(RequirementRules.Admit("select[kind=='sim'] order[load]", IndexCatalog.Empty).UnsupportedSections);
    }

    [Fact]
    public void Rusage_of_an_undeclared_index_is_refused_like_a_non_consumable_one()
    {
        var refused = Assert.Throws<RequirementException>(() => RequirementRules.Admit("rusage[mem=1]", IndexCatalog.Empty));
        Assert.Equal(ErrorCodes.Requirement.NotConsumable, refused.Code);
    }

    [Theory]
    [InlineData("mem_free>=4096")]
    [InlineData("select[mem_free>=4096 && !maintenance]")]
    public void A_pools_select_is_one_bare_expression_or_select_section(string text)
    {
        Assert.IsType<Binary>(RequirementRules.PoolSelect(text));
    }

    [Theory]
    [InlineData("select[a>1] order[a]", "requirement.unsupported")]
    [InlineData("select[a>1] rusage[a=1]", "requirement.unsupported")]
    [InlineData("{select[a>1]} || {select[b>1]}@1s", "requirement.unsupported")]
    [InlineData("order[a]", "requirement.unsupported")]
    [InlineData("select[a>]", "requirement.syntax")]
    public void A_pools_select_with_anything_but_a_select_is_refused(string text, string code)
    {
        Assert.Equal(code, Assert.Throws<RequirementException>(() => RequirementRules.PoolSelect(text)).Code);
        Assert.Contains("pool 'sim-a': select, column", PoolSelects.Problem([("sim-a", text)]), StringComparison.Ordinal);
    }
}
