using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using static Qonduit.Placement.Tests.Lanes;

namespace Qonduit.Placement.Tests.Requirements.Evaluation;

public sealed class RequirementEvaluatorTests
{
    private static readonly IndexCatalog Catalog = new([
        new IndexDeclaration("a", IndexType.Numeric),
        new IndexDeclaration("b", IndexType.Numeric),
        new IndexDeclaration("f", IndexType.Boolean),
        new IndexDeclaration("gpu", IndexType.Boolean),
        new IndexDeclaration("kind", IndexType.String),
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, increasing: false),
        new IndexDeclaration("qpu_queue_depth", IndexType.Numeric),
    ]);

    private static readonly RequirementEvaluator Evaluator = new(Catalog);

    private static Value Eval(string expression, LaneCandidate lane) =>
        Evaluator.Evaluate(RequirementParser.Parse(expression).Alternatives[0].Requirement.Select!, lane, Now);

    private static bool Selects(string requirement, LaneCandidate lane) =>
        Evaluator.Selects(RequirementParser.Parse(requirement).Alternatives[0].Requirement, lane, Now);

    [Fact]
    public void Acceptance_1_a_weighted_load_and_a_false_tag_select_the_lane()
    {
        var lane = Lane("l", ("a", .3), ("b", .6), ("f", 0));
        Assert.True(Selects("(2*a+3*b)/6<1 && !f", lane));
        Assert.False(Selects("(2*a+3*b)/6<0.3 && !f", lane));
    }

    [Fact]
    public void Acceptance_1_a_lane_without_qpu_fidelity_is_excluded_by_it_and_found_by_defined_ifdef_and_an_alternative_disjunct()
    {
        var sim = Lane("sim-0", ("kind", "sim"));
        Assert.False(Selects("qpu_fidelity>0.99", sim));
        Assert.Equal(ValueKind.Undefined, Eval("qpu_fidelity>0.99", sim).Kind);
        Assert.True(Selects("qpu_fidelity>0.99 || kind=='sim'", sim));
        Assert.False(Selects("qpu_fidelity>0.99 || kind=='sim'", Lane("cpu-0", ("kind", "cpu"))));
        Assert.True(Selects("!defined(qpu_fidelity)", sim));
        Assert.True(Selects("ifdef(qpu_queue_depth,0)<5", sim));
        Assert.False(Selects("ifdef(qpu_queue_depth,0)<5", Lane("busy", ("qpu_queue_depth", 7))));
    }

    [Fact]
    public void Acceptance_2_a_string_in_arithmetic_and_a_division_by_zero_are_ERROR_and_select_nothing()
    {
        var lane = Lane("l", ("a", 1));
        Assert.Equal(ValueKind.Error, Eval("'a'+1", lane).Kind);
        Assert.Equal(ValueKind.Error, Eval("1/0", lane).Kind);
        Assert.False(Selects("'a'+1", lane));
        Assert.False(Selects("1/0", lane));
        Assert.False(Selects("!(1/0)", lane));
        Assert.Equal(ValueKind.Error, Eval("1/0 > 1", lane).Kind);
    }

    [Fact]
    public void Acceptance_2_meta_equality_with_an_undefined_side_is_FALSE_never_UNDEFINED()
    {
        var lane = Lane("l", ("y", 1));
        Assert.Equal(Value.False, Eval("x =?= y", lane));
        Assert.Equal(Value.True, Eval("x =!= y", lane));
        Assert.Equal(Value.True, Eval("x =?= z", lane));
        Assert.Equal(ValueKind.Undefined, Eval("x == y", lane).Kind);
    }

    [Fact]
    public void UNDEFINED_and_FALSE_is_FALSE_and_UNDEFINED_or_TRUE_is_TRUE_either_way_round()
    {
        var lane = Lane("l");
        Assert.Equal(Value.False, Eval("x > 1 && 0", lane));
        Assert.Equal(Value.False, Eval("0 && x > 1", lane));
        Assert.Equal(Value.True, Eval("x > 1 || 1", lane));
        Assert.Equal(Value.True, Eval("1 || x > 1", lane));
        Assert.Equal(ValueKind.Undefined, Eval("x > 1 && 1", lane).Kind);
        Assert.Equal(ValueKind.Undefined, Eval("x > 1 || 0", lane).Kind);
        Assert.Equal(ValueKind.Undefined, Eval("!(x > 1)", lane).Kind);
    }

    [Fact]
    public void ERROR_wins_over_UNDEFINED_in_arithmetic()
    {
        Assert.Equal(ValueKind.Error, Eval("x + 1/0", Lane("l")).Kind);
        Assert.Equal(ValueKind.Undefined, Eval("x + 1", Lane("l")).Kind);
    }

    [Fact]
    public void An_absent_Boolean_tag_is_0_not_UNDEFINED()
    {
        Assert.Equal(Value.False, Eval("gpu", Lane("l")));
        Assert.True(Selects("!gpu", Lane("l")));
        Assert.True(Selects("gpu", Lane("l", ("gpu", 1))));
    }

    [Fact]
    public void A_stale_index_is_UNDEFINED_and_a_dropped_one_is_forgotten()
    {
        var arrived = Now - TimeSpan.FromSeconds(31);
        var lane = new LaneCandidate("l", true, new Dictionary<string, IndexSample> { ["a"] = Sample(5, arrived) });
        Assert.Equal(ValueKind.Undefined, Eval("a", lane).Kind);
        Assert.Equal(Value.False, Eval("defined(a)", lane));
        Assert.Equal(31, Eval("age(a)", lane).Number);
        Assert.Equal(Value.True, Eval("ifdef(a, 1)", lane));

        var dropped = lane with { Indices = new Dictionary<string, IndexSample> { ["a"] = Sample(5, Now - TimeSpan.FromSeconds(151)) } };
        Assert.Equal(ValueKind.Undefined, Eval("age(a)", dropped).Kind);
    }

    [Fact]
    public void String_equality_is_case_sensitive_and_a_string_against_a_number_is_ERROR()
    {
        var lane = Lane("l", ("kind", "qpu"));
        Assert.True(Selects("kind=='qpu'", lane));
        Assert.False(Selects("kind=='QPU'", lane));
        Assert.True(Selects("kind!='QPU'", lane));
        Assert.Equal(ValueKind.Error, Eval("kind==1", lane).Kind);
    }

    [Fact]
    public void Min_max_and_abs_compute_on_numbers_and_propagate_UNDEFINED_and_ERROR()
    {
        var lane = Lane("l", ("a", -3), ("b", 2));
        Assert.Equal(-3, Eval("min(a, b, 7)", lane).Number);
        Assert.Equal(7, Eval("max(a, b, 7)", lane).Number);
        Assert.Equal(3, Eval("abs(a)", lane).Number);
        Assert.Equal(ValueKind.Undefined, Eval("max(a, x)", lane).Kind);
        Assert.Equal(ValueKind.Error, Eval("abs('s')", lane).Kind);
    }

    [Fact]
    public void A_missing_select_selects_every_lane_and_a_string_result_selects_none()
    {
        Assert.True(Selects("order[a]", Lane("l")));
        Assert.False(Selects("kind", Lane("l", ("kind", "sim"))));
    }

    [Fact]
    public void The_longest_operator_chain_the_parser_allows_evaluates_on_a_small_stack()
    {
        var chain = "1" + string.Concat(Enumerable.Repeat("+1", RequirementParser.MaxOperators));
        var sum = 0.0;
        // 256 KiB: well under a thread-pool thread's stack, so a request thread evaluating it cannot overflow.
        var thread = new Thread(() => sum = Eval(chain, Lane("l")).Number, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(RequirementParser.MaxOperators + 1, sum);
    }
}
