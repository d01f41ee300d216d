using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Syntax;
using static Qonduit.Placement.Tests.Lanes;

namespace Qonduit.Placement.Tests.Requirements;

public sealed class PlacementPlannerTests
{
    private static readonly RequirementEvaluator Evaluator = new(new IndexCatalog([
        new IndexDeclaration("kind", IndexType.String),
        new IndexDeclaration("qpu_fidelity", IndexType.Numeric, TimeSpan.FromSeconds(5), increasing: false),
    ]));

    private static readonly Requirement QpuElseSim =
        RequirementParser.Parse("{select[kind=='qpu' && qpu_fidelity>=0.99]} || {select[kind=='sim']}@30s");

    private static readonly LaneCandidate Sim = Lane("sim-0", ("kind", "sim"));

    private static LaneCandidate Qpu(DateTimeOffset fidelityArrived) => new("ibm_fez/0", true, new Dictionary<string, IndexSample>
    {
        ["kind"] = new(IndexValue.Of("qpu"), Now, Timeout.InfiniteTimeSpan),
        ["qpu_fidelity"] = new(IndexValue.Of(0.995), fidelityArrived, TimeSpan.FromSeconds(5)),
    });

    private static PlacementDecision Decide(LaneCandidate qpu, TimeSpan? qpuEmptyFor) =>
        PlacementPlanner.Decide(Evaluator, QpuElseSim, [qpu, Sim], Now, TimeSpan.FromMinutes(5), [qpuEmptyFor, null]);

    [Fact]
    public void A_fresh_good_QPU_takes_the_task()
    {
        var decision = Decide(Qpu(Now), null);
        Assert.Equal(0, decision.Alternative);
        Assert.Equal(["ibm_fez/0"], decision.Candidates.Select(c => c.LaneId));
    }

    [Fact]
    public void When_the_QPU_fidelity_goes_stale_the_task_waits_for_the_delay_then_goes_to_the_simulator()
    {
        var stale = Qpu(Now - TimeSpan.FromSeconds(11));
        var waiting = Decide(stale, TimeSpan.FromSeconds(29));
        Assert.Null(waiting.Alternative);
        Assert.Equal([false, true], waiting.Found);

        var routed = Decide(stale, TimeSpan.FromSeconds(30));
        Assert.Equal(1, routed.Alternative);
        Assert.Equal(["sim-0"], routed.Candidates.Select(c => c.LaneId));
    }

    [Fact]
    public void A_fresh_value_sends_work_back_to_the_QPU_however_long_it_was_missing()
    {
        Assert.Equal(0, Decide(Qpu(Now), TimeSpan.FromMinutes(4)).Alternative);
    }
}
