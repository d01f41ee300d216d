using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Fusion;

public sealed class GateFusionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Fused_execution_gives_the_unfused_state(int k)
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Random(9, 150, k));
        using var unfused = ShotExecutor.FinalState(plan, new ExecutionOptions { FusionQubits = 0 });
        using var fused = ShotExecutor.FinalState(plan, new ExecutionOptions { FusionQubits = k });
        Assert.True(TestStates.MaxDifference(unfused, fused) < 1e-12);
    }

    [Fact]
    public void Fusion_never_exceeds_the_block_size_and_reduces_the_passes()
    {
        var gates = ExecutionPlan.FromCircuit(TestCircuits.Random(10, 200, 1)).Ops.OfType<ExecutionOp.Unitary>().ToArray();
        var fused = GateFusion.Fuse(gates, 4);
        Assert.All(fused, f => Assert.True(f.Targets.Length <= 4 || f.GateCount == 1));
        Assert.Equal(gates.Length, fused.Sum(f => f.GateCount));
        Assert.True(fused.Count < gates.Length / 2);
    }

    [Fact]
    public void Single_precision_agrees_with_double_precision_within_1e_5()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Random(12, 300, 8));
        using var single = ShotExecutor.FinalState(plan, new ExecutionOptions { Precision = Precision.Single });
        using var reference = ShotExecutor.FinalState(plan, new ExecutionOptions { Precision = Precision.Double });
        Assert.True(TestStates.MaxDifference(single, reference) < 1e-5);
    }
}
