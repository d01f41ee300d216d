using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Passes;

namespace Qonduit.Transpiler.Tests.Passes;

public sealed class TrimPassTests
{
    [Fact]
    public void Gates_after_a_qubits_last_measurement_that_nothing_measured_later_sees_are_dropped()
    {
        var circuit = PassTestKit.Build(3, b => b
            .Gate("h", 0).Gate("cx", 0, 1).Measure(0, 0)
            .Gate("x", 0)                                   // qubit 0 is never used again: dropped
            .Gate("cx", 1, 2).Measure(1, 1).Measure(2, 2)
            .Gate("h", 1).Gate("cx", 1, 2));                // after both last measurements: dropped
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new TrimPass().Run(context);

        Assert.Equal(
            ["h", "cx", "measure", "cx", "measure", "measure"],
            context.Instructions.Select(i => i is Instruction.Gate g ? g.Name : "measure"));
    }

    [Fact]
    public void A_gate_that_reaches_a_qubit_measured_later_or_never_measured_is_kept()
    {
        var circuit = PassTestKit.Build(3, b => b
            .Gate("h", 0).Measure(0, 0).Gate("x", 0).Gate("cx", 0, 1).Measure(1, 1)
            .Gate("h", 1).Gate("cx", 1, 2));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new TrimPass().Run(context);

        Assert.Equal(7, context.Instructions.Count);
    }

    [Fact]
    public void A_circuit_without_measurements_keeps_every_gate()
    {
        var circuit = PassTestKit.Build(2, b => b.Gate("h", 0).Gate("cx", 0, 1).Gate("x", 1));
        var context = PassTestKit.Context(circuit, TestDevices.Fez);

        new TrimPass().Run(context);

        Assert.Equal(3, context.Instructions.Count);
    }
}
