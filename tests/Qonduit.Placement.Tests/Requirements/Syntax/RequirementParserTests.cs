using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Tests.Requirements.Syntax;

public sealed class RequirementParserTests
{
    private static Expr Select(string text) => RequirementParser.Parse(text).Alternatives[0].Requirement.Select!;

    private static RequirementException Refused(string text)
    {
        var refused = Assert.Throws<RequirementException>(() => RequirementParser.Parse(text));
        Assert.Equal(ErrorCodes.Requirement.Syntax, refused.Code);
        return refused;
    }

    [Fact]
    public void Acceptance_2_an_operator_without_its_right_operand_is_a_400_at_the_closing_bracket()
    {
        var refused = Refused("select[x>]");
        Assert.Equal(10, refused.Column);
        Assert.StartsWith("column 10: ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(400, Status.Of(ErrorCodes.Requirement.Syntax));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_which_binds_tighter_than_comparison()
    {
        var tree = Assert.IsType<Binary>(Select("1 + 2 * 3 == 7"));
        Assert.Equal(BinaryOperator.Equal, tree.Operator);
        var sum = Assert.IsType<Binary>(tree.Left);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<Binary>(sum.Right).Operator);
    }

    [Fact]
    public void And_binds_tighter_than_or_and_comparisons_tighter_than_and()
    {
        var or = Assert.IsType<Binary>(Select("a || b < 1 && c"));
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<Binary>(or.Right);
        Assert.Equal(BinaryOperator.And, and.Operator);
        Assert.Equal(BinaryOperator.Less, Assert.IsType<Binary>(and.Left).Operator);
    }

    [Fact]
    public void Unary_minus_and_not_bind_tightest_and_arithmetic_is_left_associative()
    {
        var product = Assert.IsType<Binary>(Select("-a * 2"));
        Assert.Equal(UnaryOperator.Negate, Assert.IsType<Unary>(product.Left).Operator);
        var comparison = Assert.IsType<Binary>(Select("!f == 1"));
        Assert.Equal(UnaryOperator.Not, Assert.IsType<Unary>(comparison.Left).Operator);
        var difference = Assert.IsType<Binary>(Select("8 - 4 - 2"));
        Assert.IsType<NumberLiteral>(difference.Right);
        Assert.Equal(BinaryOperator.Subtract, Assert.IsType<Binary>(difference.Left).Operator);
    }

    [Theory]
    [InlineData("a<b<c", 4)]
    [InlineData("select[a == b != c]", 15)]
    [InlineData("a =?= b =?= c", 9)]
    public void Comparisons_do_not_chain(string text, int column)
    {
        var refused = Refused(text);
        Assert.Equal(column, refused.Column);
        Assert.Contains("do not chain", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parenthesised_comparison_may_be_compared_again()
    {
        Assert.IsType<Binary>(Select("(a<b)<c"));
    }

    [Theory]
    [InlineData("select[a > 1", 13, "expected ']'")]
    [InlineData("select[a $ 1]", 10, "'$' is not part")]
    [InlineData("select[kind=='sim]", 14, "not closed")]
    [InlineData("select[foo(a)]", 8, "not a function")]
    [InlineData("select[ifdef(a)]", 15, "takes 2")]
    [InlineData("select[defined(1)]", 16, "index name")]
    [InlineData("order[a] select[b]", 10, "out of place")]
    [InlineData("{select[a]}@30x", 15, "unit of time")]
    [InlineData("{select[a]} ||", 15, "expected an expression")]
    [InlineData("rusage[mem=1:duration=1m:swap=2]", 26, "in that order")]
    [InlineData("span[lanes=2]", 12, "lanes=1")]
    public void A_syntax_error_names_its_1_based_column_and_what_was_expected(string text, int column, string says)
    {
        var refused = Refused(text);
        Assert.Equal(column, refused.Column);
        Assert.Contains(says, refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_the_cap_is_refused_before_it_is_read()
    {
        var refused = Refused("a" + new string(' ', RequirementParser.MaxLength));
        Assert.Equal(RequirementParser.MaxLength + 1, refused.Column);
        Assert.IsType<IndexRef>(Select("a" + new string(' ', RequirementParser.MaxLength - 1)));
    }

    [Fact]
    public void Nesting_past_the_depth_cap_is_refused_and_within_it_parses()
    {
        var deep = RequirementParser.MaxDepth;
        Assert.IsType<IndexRef>(Select(new string('(', deep - 1) + "a" + new string(')', deep - 1)));
        Assert.Contains("nests deeper", Refused(new string('(', deep + 1) + "a" + new string(')', deep + 1)).Reason, StringComparison.Ordinal);
        Assert.Contains("nests deeper", Refused(new string('!', 2000) + "a").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_binary_operators_than_the_cap_are_refused_at_the_first_one_over()
    {
        var allowed = "a" + string.Concat(Enumerable.Repeat("+a", RequirementParser.MaxOperators));
        Assert.IsType<Binary>(Select(allowed));
        var refused = Refused(allowed + "*a");
        Assert.Equal(allowed.Length + 1, refused.Column);
        Assert.Contains("operators", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Alternatives_carry_their_delay_and_a_bare_expression_is_a_select()
    {
        var requirement = RequirementParser.Parse(
            "{select[kind=='qpu' && qpu_fidelity>=0.99 && qpu_calibration_age<3600] order[qpu_queue_depth]} || {select[kind=='sim'] order[cpu_util]}@30s");
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30)], requirement.Alternatives.Select(a => a.Delay));
        Assert.Equal("cpu_util", Assert.IsType<IndexRef>(requirement.Alternatives[1].Requirement.Order[0].Key).Name);

        var bare = RequirementParser.Parse("kind=='qpu' || {kind=='sim'}@1.5m");
        Assert.Equal(2, bare.Alternatives.Count);
        Assert.Equal(TimeSpan.FromSeconds(90), bare.Alternatives[1].Delay);
        Assert.Equal(BinaryOperator.Equal, Assert.IsType<Binary>(bare.Alternatives[0].Requirement.Select).Operator);
    }

    [Fact]
    public void Order_keys_and_rusage_uses_are_read_in_full()
    {
        var simple = RequirementParser.Parse("select[a] order[-qpu_fidelity:(a+b)] rusage[mem=100:swap=2:duration=10m:decay=1, gpu=1]")
            .Alternatives[0].Requirement;
        Assert.True(simple.Order[0].Reversed);
        Assert.IsType<Binary>(simple.Order[1].Key);
        Assert.Equal(["mem", "swap"], simple.Usage[0].Amounts.Select(a => a.Index));
        Assert.Equal(TimeSpan.FromMinutes(10), simple.Usage[0].Duration);
        Assert.True(simple.Usage[0].Decay);
        Assert.Null(simple.Usage[1].Duration);
        Assert.False(simple.Usage[1].Decay);
    }

    [Fact]
    public void A_section_word_without_a_bracket_is_an_index_name()
    {
        Assert.Equal("order", Assert.IsType<IndexRef>(Assert.IsType<Binary>(Select("order > 1")).Left).Name);
    }

    [Fact]
    public void An_empty_requirement_and_an_overlong_index_name_are_refused()
    {
        Assert.Equal(1, Refused("   ").Column);
        Assert.Contains("longer than an index name", Refused("select[" + new string('x', 40) + ">1]").Reason, StringComparison.Ordinal);
    }
}
