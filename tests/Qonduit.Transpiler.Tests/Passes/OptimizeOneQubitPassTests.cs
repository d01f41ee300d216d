using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Passes;

namespace Qonduit.Transpiler.Tests.Passes;

public sealed class OptimizeOneQubitPassTests
{
    [Fact]
    public void A_run_of_single_qubit_gates_becomes_at_most_five_native_gates()
    {
        var circuit = PassTestKit.Build(2, b => b
            .Gate("h", 0).Gate("t", 0).Gate("ry", [0.7], 0).Gate("s", 0).Gate("sx", 0).Gate("u3", [0.1, 0.2, 0.3], 0)
            .Gate("cx", 0, 1).Gate("h", 1).Gate("h", 1));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new OptimizeOneQubitPass().Run(context);

        var before = context.Instructions.TakeWhile(i => i is not Instruction.Gate { Name: "cx" }).Cast<Instruction.Gate>().ToList();
        Assert.InRange(before.Count, 1, 5);
        Assert.All(before, g => Assert.Contains(g.Name, new[] { "rz", "sx", "x" }));
        Assert.DoesNotContain(context.Instructions.SkipWhile(i => i is not Instruction.Gate { Name: "cx" }).Skip(1), i => i is Instruction.Gate);
        Assert.True(MatrixMath.ApproximatelyEqual(
            PassTestKit.Unitary(context.Instructions, 2, context.GlobalPhase), PassTestKit.Unitary(circuit.Instructions, 2), 1e-9));
    }

    [Fact]
    public void A_measurement_ends_a_run()
    {
        var circuit = PassTestKit.Build(1, b => b.Gate("h", 0).Measure(0, 0).Gate("h", 0));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new OptimizeOneQubitPass().Run(context);

        var measure = context.Instructions.FindIndex(i => i is Instruction.Measure);
        Assert.True(measure > 0 && measure < context.Instructions.Count - 1);
    }
}
