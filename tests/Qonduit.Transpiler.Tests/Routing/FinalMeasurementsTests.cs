using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Routing;
using Qonduit.Transpiler.Tests.Passes;

namespace Qonduit.Transpiler.Tests.Routing;

public sealed class FinalMeasurementsTests
{
    private static readonly ClassicalCondition BitZeroIsOne = new(new[] { 0 }, 1);

    [Fact]
    public void Measurements_nothing_follows_on_their_qubit_or_bit_are_final_even_before_gates_on_other_qubits()
    {
        var delay = new Instruction.Delay(new[] { 0 }, 100.0, "ns");
        var circuit = PassTestKit.Build(3, b => b.Gate("h", 0).Measure(0, 2).Gate("cx", 1, 2).Add(Barrier(1, 2)).Measure(1, 0).Add(delay).Measure(2, 1));

        var (body, tail) = FinalMeasurements.Split(circuit.Instructions, 3, 3);

        Assert.Equal(2, body.Count);
        Assert.Equal([new Instruction.Measure(0, 2), Barrier(1, 2), new Instruction.Measure(1, 0), delay, new Instruction.Measure(2, 1)], tail);
    }

    public static TheoryData<string> LaterUses() => ["a gate on its qubit", "a condition on its bit", "a mid-circuit rewrite of its bit", "a reset of its qubit"];

    [Theory]
    [MemberData(nameof(LaterUses))]
    public void A_measurement_something_later_depends_on_stays_where_the_circuit_put_it(string use)
    {
        var circuit = PassTestKit.Build(2, b =>
        {
            b.Gate("h", 0).Measure(0, 0);
            switch (use)
            {
                case "a gate on its qubit": b.Gate("x", 0); break;
                case "a condition on its bit": b.Add(new Instruction.Gate("x", new[] { 1 }, EquatableArray<ParameterExpression>.Empty) { Condition = BitZeroIsOne }); break;
                case "a mid-circuit rewrite of its bit": b.Measure(1, 0).Gate("h", 1); break;
                case "a reset of its qubit": b.Add(new Instruction.Reset(0)); break;
            }
        });

        var (body, _) = FinalMeasurements.Split(circuit.Instructions, 2, 2);

        Assert.Contains(new Instruction.Measure(0, 0), body);
    }

    [Fact]
    public void Routing_puts_no_swap_after_a_final_measurement_and_each_bit_reads_where_its_logical_qubit_ended()
    {
        // Every pair interacts after qubit 0 is measured, so a router that moved measured qubits would swap them.
        var circuit = PassTestKit.Build(6, b =>
        {
            b.Gate("h", 0).Measure(0, 5);
            for (var a = 1; a < 6; a++)
                for (var c = a + 1; c < 6; c++) b.Gate("cx", a, c);
            for (var q = 1; q < 6; q++) b.Measure(q, 5 - q);
        });

        foreach (var routing in Enum.GetValues<RoutingStrategy>())
        {
            var result = Transpiler.Run(circuit, TestDevices.Ring, new TranspileOptions(Routing: routing, Passes: ["unroll", "layout", "route"]));

            var instructions = result.Circuit.Instructions;
            var firstMeasure = instructions.ToList().FindIndex(i => i is Instruction.Measure);
            Assert.True(result.SwapsAdded > 0);
            Assert.All(instructions.Skip(firstMeasure), i => Assert.IsType<Instruction.Measure>(i));
            foreach (var m in instructions.OfType<Instruction.Measure>())
                Assert.Equal(result.FinalPermutation[m.Clbit == 5 ? 0 : 5 - m.Clbit], m.Qubit);
        }
    }

    [Fact]
    public void A_mid_circuit_measurement_and_the_gate_it_conditions_keep_their_order_after_routing()
    {
        var circuit = PassTestKit.Build(4, b => b.Gate("h", 0).Gate("cx", 0, 3).Measure(0, 0)
            .Add(new Instruction.Gate("x", new[] { 2 }, EquatableArray<ParameterExpression>.Empty) { Condition = BitZeroIsOne })
            .Gate("cx", 1, 3).Gate("cx", 0, 2).Measure(0, 1).Measure(2, 2).Measure(3, 3));

        var result = Transpiler.Run(circuit, TestDevices.Ring, new TranspileOptions(Passes: ["unroll", "layout", "route"]));

        var instructions = result.Circuit.Instructions.ToList();
        var midCircuit = instructions.FindIndex(i => i is Instruction.Measure { Clbit: 0 });
        Assert.True(midCircuit < instructions.FindIndex(i => i.Condition is not null));
        Assert.Contains(instructions.Skip(midCircuit + 1), i => i is Instruction.Gate && i.Qubits.Contains(((Instruction.Measure)instructions[midCircuit]).Qubit));
    }

    private static Instruction.Barrier Barrier(params int[] qubits) => new(qubits);
}
