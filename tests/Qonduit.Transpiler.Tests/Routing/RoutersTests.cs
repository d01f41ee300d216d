using Qonduit.Circuits.Ir;
using Qonduit.Devices.Generators;
using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Routing;
using Qonduit.Transpiler.Tests.Passes;

namespace Qonduit.Transpiler.Tests.Routing;

public sealed class RoutersTests
{
    private static readonly CouplingGraph LineGraph = new(DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 8)));

    /// <summary>All-pairs interactions, the worst case for a line.</summary>
    private static List<Instruction> AllPairs(int n)
    {
        var circuit = PassTestKit.Build(n, b =>
        {
            for (var a = 0; a < n; a++)
                for (var c = a + 1; c < n; c++) b.Gate("cx", a, c).Gate("rz", [0.1], c);
            for (var q = 0; q < n; q++) b.Measure(q, q);
        });
        return [.. circuit.Instructions];
    }

    [Fact]
    public void Sabre_puts_every_two_qubit_gate_on_a_coupler_and_keeps_every_gate()
    {
        var instructions = AllPairs(8);
        var result = new SabreRouter(LineGraph, seed: 3).Route(new DependencyGraph(instructions, 8, 8), [.. Enumerable.Range(0, 8)]);

        Assert.All(result.Instructions.OfType<Instruction.Gate>().Where(g => g.Targets.Count == 2), g => Assert.True(LineGraph.Adjacent(g.Targets[0], g.Targets[1])));
        Assert.Equal(instructions.Count + result.Swaps, result.Instructions.Count);
        Assert.Equal(result.Swaps, result.Instructions.Count(i => i is Instruction.Gate { Name: "swap" }));
    }

    [Fact]
    public void Sabre_needs_fewer_swaps_than_the_greedy_baseline()
    {
        var instructions = AllPairs(8);
        var layout = Enumerable.Range(0, 8).ToArray();

        var sabre = new SabreRouter(LineGraph, seed: 1).Route(new DependencyGraph(instructions, 8, 8), layout);
        var greedy = GreedyRouter.Route(instructions, layout, LineGraph);

        Assert.True(sabre.Swaps < greedy.Swaps, $"sabre {sabre.Swaps}, greedy {greedy.Swaps}");
    }

    [Fact]
    public void Measurements_keep_their_classical_bit_and_follow_their_qubit()
    {
        var instructions = AllPairs(6);
        var result = new SabreRouter(LineGraph, seed: 2).Route(new DependencyGraph(instructions, 6, 6), [.. Enumerable.Range(0, 6)]);

        // Replay the swaps: at each measurement, the physical qubit must hold the logical qubit of that clbit.
        var holder = Enumerable.Range(0, LineGraph.NumQubits).Select(p => p < 6 ? p : -1).ToArray();
        foreach (var instruction in result.Instructions)
        {
            if (instruction is Instruction.Gate { Name: "swap" } swap)
                (holder[swap.Targets[0]], holder[swap.Targets[1]]) = (holder[swap.Targets[1]], holder[swap.Targets[0]]);
            if (instruction is Instruction.Measure m) Assert.Equal(m.Clbit, holder[m.Qubit]);
        }
    }

    [Fact]
    public void A_conditioned_gate_stays_after_the_measurement_it_reads()
    {
        var circuit = PassTestKit.Build(3, b => b.Gate("cx", 0, 2).Measure(0, 0)
            .Add(new Instruction.Gate("x", new[] { 1 }, Circuits.Ir.EquatableArray<Circuits.Expressions.ParameterExpression>.Empty) { Condition = new ClassicalCondition(new[] { 0 }, 1) }));
        var result = new SabreRouter(LineGraph, seed: 0).Route(new DependencyGraph([.. circuit.Instructions], 3, 3), [0, 1, 2]);

        var measure = result.Instructions.FindIndex(i => i is Instruction.Measure);
        var conditioned = result.Instructions.FindIndex(i => i.Condition is not null);
        Assert.True(measure < conditioned);
    }
}
