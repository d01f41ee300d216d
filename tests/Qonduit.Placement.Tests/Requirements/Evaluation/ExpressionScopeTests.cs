using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;

namespace Qonduit.Placement.Tests.Requirements.Evaluation;

/// <summary>The language's expressions over names other than a lane's indices: how service graphs read node states and outputs.</summary>
public sealed class ExpressionScopeTests
{
    private sealed class Names(Dictionary<string, Value> values) : IExpressionScope
    {
        public Value Read(string name) => values.TryGetValue(name, out var value) ? value : Value.Undefined;

        public bool IsDefined(string name) => values.ContainsKey(name);

        public Value Age(string name) => Value.Undefined;
    }

    private static Value Evaluate(string text, params (string Name, Value Value)[] values) =>
        Expressions.Evaluate(RequirementParser.ParseExpression(text), new Names(values.ToDictionary(v => v.Name, v => v.Value)));

    [Fact]
    public void Dotted_names_read_the_scope_with_the_same_operators_and_three_valued_logic()
    {
        Assert.Equal(Value.True, Evaluate("nodes.cost.outputs.value < 0.01 && nodes.prep.Succeeded", ("nodes.cost.outputs.value", Value.Of(0.005)), ("nodes.prep.Succeeded", Value.True)));
        // A node still running has no state yet: the condition waits (UNDEFINED) rather than failing.
        Assert.Equal(Value.Undefined, Evaluate("nodes.a.Succeeded || nodes.a.Skipped"));
        Assert.Equal(Value.False, Evaluate("nodes.a.Succeeded && nodes.b.Succeeded", ("nodes.b.Succeeded", Value.False)));
        Assert.Equal(Value.Of(0.1), Evaluate("ifdef(nodes.loop.outputs.theta, 0.1)"));
        Assert.Equal(Value.Of(0.7), Evaluate("ifdef(nodes.loop.outputs.theta, 0.1)", ("nodes.loop.outputs.theta", Value.Of(0.7))));
        Assert.Equal(Value.False, Evaluate("defined(nodes.loop.outputs.theta)"));
    }

    [Fact]
    public void Only_the_expression_parser_takes_dotted_names_and_a_requirement_still_refuses_them()
    {
        Assert.Equal("nodes.a_1.outputs.x", Assert.IsType<IndexRef>(RequirementParser.ParseExpression("nodes.a_1.outputs.x")).Name);
        var refused = Assert.Throws<RequirementException>(() => RequirementParser.Parse("select[nodes.a > 1]"));
        Assert.Equal(13, refused.Column);
        // A number's decimal point is still a number's, and a dot not followed by a letter ends the name.
        Assert.Equal(Value.Of(1.5), Evaluate("x.y + 0.5", ("x.y", Value.Of(1))));
        Assert.Equal(6, Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression("nodes.")).Column);
    }

    [Fact]
    public void A_bare_expression_is_bounded_and_refused_at_its_column_like_a_requirement()
    {
        Assert.Equal(9, Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression("a.b < 1 select[x]")).Column);
        Assert.Equal(5, Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression("a.b ; 1")).Column);
        Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression(new string('(', RequirementParser.MaxDepth + 1) + "a"));
        Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression(new string('a', RequirementParser.MaxLength + 1)));
        Assert.Equal(1, Assert.Throws<RequirementException>(() => RequirementParser.ParseExpression(" ")).Column);
    }
}
