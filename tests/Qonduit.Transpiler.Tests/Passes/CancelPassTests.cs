using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Passes;

namespace Qonduit.Transpiler.Tests.Passes;

public sealed class CancelPassTests
{
    [Fact]
    public void Adjacent_inverse_pairs_cancel_even_through_commuting_rz()
    {
        var circuit = PassTestKit.Build(2, b => b
            .Gate("cz", 0, 1).Gate("rz", [0.4], 0).Gate("cz", 1, 0)
            .Gate("sx", 1).Gate("sxdg", 1)
            .Gate("x", 0).Gate("x", 0));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new CancelPass().Run(context);

        var gate = Assert.IsType<Instruction.Gate>(Assert.Single(context.Instructions));
        Assert.Equal("rz", gate.Name);
    }

    [Fact]
    public void Rz_merges_across_gates_that_commute_with_z_and_keeps_the_unitary()
    {
        var circuit = PassTestKit.Build(2, b => b
            .Gate("rz", [0.3], 0).Gate("cz", 0, 1).Gate("cx", 0, 1).Gate("rz", [0.5], 0).Gate("rz", [2 * Math.PI], 1).Gate("sx", 1));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new CancelPass().Run(context);

        Assert.Single(context.Instructions, i => i is Instruction.Gate { Name: "rz" });
        Assert.True(MatrixMath.ApproximatelyEqual(
            PassTestKit.Unitary(context.Instructions, 2, context.GlobalPhase), PassTestKit.Unitary(circuit.Instructions, 2), 1e-9));
    }

    [Fact]
    public void Rz_does_not_merge_across_sx_or_a_conditioned_gate()
    {
        var conditioned = new Instruction.Gate("rz", new[] { 0 }, new ParameterExpression[] { 0.2 }) { Condition = new ClassicalCondition(new[] { 0 }, 1) };
        var circuit = PassTestKit.Build(1, b => b.Gate("rz", [0.3], 0).Gate("sx", 0).Gate("rz", [0.5], 0).Add(conditioned).Gate("rz", [0.1], 0));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new CancelPass().Run(context);

        Assert.Equal(5, context.Instructions.Count);
    }

    [Fact]
    public void A_pair_cancels_across_gates_that_commute_with_it_and_not_across_one_that_does_not()
    {
        var circuit = PassTestKit.Build(3, b => b
            .Gate("cz", 0, 1).Gate("cz", 1, 2).Gate("rz", [0.3], 1).Gate("cz", 0, 1)
            .Gate("cx", 0, 2).Gate("x", 2).Gate("cx", 0, 2)
            .Gate("cx", 1, 2).Gate("h", 2).Gate("cx", 1, 2));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new CancelPass().Run(context);

        Assert.Equal(["cz", "rz", "x", "cx", "h", "cx"], context.Instructions.Cast<Instruction.Gate>().Select(g => g.Name));
        Assert.True(MatrixMath.ApproximatelyEqual(
            PassTestKit.Unitary(context.Instructions, 3, context.GlobalPhase), PassTestKit.Unitary(circuit.Instructions, 3), 1e-9));
    }
}
