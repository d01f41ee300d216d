using Qonduit.Circuits.Ir;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Snapshots;
using Qonduit.Transpiler.Tests.Passes;

namespace Qonduit.Transpiler.Tests;

public sealed class TranspilerTests
{
    private static readonly Circuit Ghz = PassTestKit.Build(5, b =>
    {
        b.Gate("h", 0);
        for (var q = 1; q < 5; q++) b.Gate("cx", 0, q);
        for (var q = 0; q < 5; q++) b.Measure(q, q);
    });

    [Fact]
    public void The_result_is_native_admissible_and_reports_layout_and_sizes()
    {
        var result = Transpiler.Run(Ghz, TestDevices.Brisbane);

        Assert.True(Admissibility.Check(result.Circuit, TestDevices.Brisbane).IsAdmissible);
        Assert.Equal(TestDevices.Brisbane.NumQubits, result.Circuit.NumQubits);
        Assert.Equal(Ghz.ClassicalRegisters, result.Circuit.ClassicalRegisters);
        Assert.Equal(5, result.InitialLayout.Distinct().Count());
        Assert.Equal(5, result.FinalPermutation.Distinct().Count());
        Assert.Equal(4, result.Before.TwoQubitGates);
        Assert.True(result.After.TwoQubitGates >= 4);
        Assert.Equal(Transpiler.DefaultPasses, result.Passes.ToArray());
    }

    [Fact]
    public void Measurements_keep_their_classical_targets_and_read_the_qubit_holding_that_logical_qubit()
    {
        var result = Transpiler.Run(Ghz, TestDevices.Grid, new TranspileOptions(Passes: ["unroll", "layout", "route"]));

        // Replay the swaps from the initial layout: at each measurement its physical qubit holds logical qubit `clbit`.
        var holder = new Dictionary<int, int>();
        for (var l = 0; l < result.InitialLayout.Length; l++) holder[result.InitialLayout[l]] = l;
        foreach (var instruction in result.Circuit.Instructions)
        {
            if (instruction is Instruction.Gate { Name: "swap" } swap)
            {
                var (a, b) = (holder.GetValueOrDefault(swap.Targets[0], -1), holder.GetValueOrDefault(swap.Targets[1], -1));
                (holder[swap.Targets[0]], holder[swap.Targets[1]]) = (b, a);
            }
            if (instruction is Instruction.Measure m) Assert.Equal(m.Clbit, holder[m.Qubit]);
        }
        Assert.All(Enumerable.Range(0, 5), l => Assert.Equal(l, holder[result.FinalPermutation[l]]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_circuit()
    {
        var a = Transpiler.Run(Ghz, TestDevices.Fez, new TranspileOptions(Seed: 9));
        var b = Transpiler.Run(Ghz, TestDevices.Fez, new TranspileOptions(Seed: 9));

        Assert.Equal(a.Circuit, b.Circuit);
    }

    [Fact]
    public void A_recalibration_that_takes_a_qubit_offline_moves_the_layout()
    {
        var first = Transpiler.Run(Ghz, TestDevices.Fez);
        var taken = first.InitialLayout[0];
        var recalibrated = TestDevices.Fez with
        {
            Qubits = [.. TestDevices.Fez.Qubits.Select(q => q.Index == taken ? q with { Status = QubitStatus.Offline } : q)],
        };

        var second = Transpiler.Run(Ghz, recalibrated);

        Assert.DoesNotContain(taken, second.InitialLayout);
        Assert.True(Admissibility.Check(second.Circuit, recalibrated).IsAdmissible);
    }

    [Fact]
    public void Passes_are_listed_and_chosen_by_name()
    {
        Assert.Equal(["unroll", "layout", "route", "translate", "fix-direction", "optimize-1q", "cancel", "consolidate", "trim"], Transpiler.Passes.Select(p => p.Name));

        var result = Transpiler.Run(Ghz, TestDevices.Fez, new TranspileOptions(Passes: TranspileOptions.ParsePasses("unroll,layout,route")));

        Assert.Contains(result.Circuit.Instructions, i => i is Instruction.Gate { Name: "cx" });
        Assert.Equal(["unroll", "layout", "route"], result.Passes.ToArray());
    }

    [Fact]
    public void An_unknown_pass_or_layout_is_a_typed_error()
    {
        Assert.Equal("transpile.unknown-pass", Assert.Throws<TranspileException>(() => TranspileOptions.ParsePasses("unroll,magic")).Code);
        Assert.Equal("transpile.unknown-layout", Assert.Throws<TranspileException>(() => TranspileOptions.ParseLayout("random")).Code);
    }

    [Fact]
    public void Route_before_unroll_on_a_three_qubit_gate_is_a_typed_error()
    {
        var circuit = PassTestKit.Build(3, b => b.Gate("ccx", 0, 1, 2));

        var error = Assert.Throws<TranspileException>(() => Transpiler.Run(circuit, TestDevices.Fez, new TranspileOptions(Passes: ["route"])));

        Assert.Equal("transpile.pass-order", error.Code);
    }

    [Fact]
    public void Too_many_qubits_is_a_typed_error()
    {
        var circuit = PassTestKit.Build(13, b => b.Gate("cx", 0, 12));

        Assert.Equal("transpile.too-many-qubits", Assert.Throws<TranspileException>(() => Transpiler.Run(circuit, TestDevices.Ring)).Code);
    }
}
