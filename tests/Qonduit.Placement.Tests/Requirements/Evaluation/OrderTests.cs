using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using static Qonduit.Placement.Tests.Lanes;

namespace Qonduit.Placement.Tests.Requirements.Evaluation;

public sealed class OrderTests
{
    private static readonly RequirementEvaluator Evaluator = new(new IndexCatalog([
        new IndexDeclaration("qpu_queue_depth", IndexType.Numeric, increasing: true),
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, increasing: false),
    ]));

    private static readonly LaneCandidate A = Lane("A", ("qpu_queue_depth", 3), ("qpu_fidelity", .995));
    private static readonly LaneCandidate B = Lane("B", ("qpu_queue_depth", 3), ("qpu_fidelity", .999));
    private static readonly LaneCandidate C = Lane("C", ("qpu_queue_depth", 1), ("qpu_fidelity", .990));

    private static string[] Order(string requirement, params LaneCandidate[] lanes) =>
        [.. Evaluator.Candidates(RequirementParser.Parse(requirement).Alternatives[0].Requirement, lanes, Now).Select(l => l.LaneId)];

    [Fact]
    public void Acceptance_3_depth_ascending_then_fidelity_descending_from_their_increasing_flags()
    {
        Assert.Equal(["C", "B", "A"], Order("order[qpu_queue_depth:qpu_fidelity]", A, B, C));
    }

    [Fact]
    public void Acceptance_3_a_leading_minus_reverses_the_fidelity_key()
    {
        Assert.Equal(["C", "A", "B"], Order("order[qpu_queue_depth:-qpu_fidelity]", A, B, C));
    }

    [Fact]
    public void Acceptance_3_a_lane_without_a_depth_sorts_last()
    {
        var unknown = Lane("0-first-by-id", ("qpu_fidelity", .9999));
        Assert.Equal(["C", "B", "A", "0-first-by-id"], Order("order[qpu_queue_depth:qpu_fidelity]", unknown, A, B, C));
    }

    [Fact]
    public void Lanes_not_up_come_after_every_up_lane_and_the_lane_id_breaks_ties()
    {
        var down = Lane("D", up: false, ("qpu_queue_depth", 0), ("qpu_fidelity", 1));
        var twin = Lane("A2", ("qpu_queue_depth", 3), ("qpu_fidelity", .995));
        Assert.Equal(["C", "B", "A", "A2", "D"], Order("order[qpu_queue_depth:qpu_fidelity]", down, twin, A, B, C));
    }

    [Fact]
    public void Only_selected_lanes_are_ordered_and_an_expression_key_sorts_ascending()
    {
        Assert.Equal(["B", "A"], Order("select[qpu_queue_depth>2] order[(qpu_fidelity * -1)]", A, B, C));
    }
}
