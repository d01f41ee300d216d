using System.Numerics;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class ShotExecutorTests
{
    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void A_ghz_state_gives_only_all_zeros_and_all_ones_in_about_equal_numbers(Precision precision)
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(5));
        var result = ShotExecutor.Run(plan, 4000, new Xoshiro256(11), new ExecutionOptions { Precision = precision });
        Assert.Equal(["00000", "11111"], result.Counts.Keys.Order());
        Assert.InRange(result.Counts["11111"], 1800, 2200);
        Assert.Equal(1, result.Simulations);
    }

    [Fact]
    public void The_same_plan_and_seed_give_identical_counts_and_another_seed_differs()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Random(8, 60, 5));
        var first = ShotExecutor.Run(plan, 2000, new Xoshiro256(42)).Counts;
        var again = ShotExecutor.Run(plan, 2000, new Xoshiro256(42)).Counts;
        var other = ShotExecutor.Run(plan, 2000, new Xoshiro256(43)).Counts;
        Assert.Equal(first.OrderBy(p => p.Key), again.OrderBy(p => p.Key));
        Assert.NotEqual(first.OrderBy(p => p.Key), other.OrderBy(p => p.Key));
    }

    [Fact]
    public void Seeded_counts_do_not_depend_on_the_number_of_cores_or_on_trajectory_mode()
    {
        var circuit = TestCircuits.Random(16, 40, 9);
        var plan = ExecutionPlan.FromCircuit(circuit);
        var parallel = ShotExecutor.Run(plan, 500, new Xoshiro256(3)).Counts;
        var serial = ShotExecutor.Run(plan, 500, new Xoshiro256(3), new ExecutionOptions { Parallel = false }).Counts;
        Assert.Equal(parallel.OrderBy(p => p.Key), serial.OrderBy(p => p.Key));
    }

    [Fact]
    public void A_measurement_conditions_a_later_gate_so_both_bits_always_agree()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        var c = b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Measure(0, 0);
        b.Add(new Instruction.Gate("x", new[] { 1 }, Qonduit.Circuits.Ir.EquatableArray<Qonduit.Circuits.Expressions.ParameterExpression>.Empty)
        {
            Condition = new ClassicalCondition(new[] { c[0], c[1] }, 1),
        });
        b.Measure(1, 1);
        var result = ShotExecutor.Run(ExecutionPlan.FromCircuit(b.Build()), 1000, new Xoshiro256(1));
        Assert.Equal(["00", "11"], result.Counts.Keys.Order());
        Assert.InRange(result.Counts["11"], 400, 600);
        Assert.Equal(1000, result.Simulations);
    }

    [Fact]
    public void Reset_returns_a_qubit_to_zero_whatever_it_held()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Gate("cx", 0, 1).Add(new Instruction.Reset(0)).Measure(0, 0).Measure(1, 1);
        var counts = ShotExecutor.Run(ExecutionPlan.FromCircuit(b.Build()), 1000, new Xoshiro256(2)).Counts;
        Assert.Equal(["00", "10"], counts.Keys.Order());
    }

    [Fact]
    public void A_mid_circuit_measurement_collapses_the_state_it_leaves_behind()
    {
        // h; measure; h: without collapse the second h would undo the first and always give 0.
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 0).Measure(0, 1);
        var counts = ShotExecutor.Run(ExecutionPlan.FromCircuit(b.Build()), 2000, new Xoshiro256(4)).Counts;
        Assert.Equal(4, counts.Count);
    }

    [Fact]
    public void A_full_amplitude_damping_channel_always_leaves_zero()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(3));
        Complex[] k0 = [1, 0, 0, 0];
        Complex[] k1 = [0, 1, 0, 0];
        var ops = plan.Ops.ToList();
        ops.Insert(ops.FindIndex(o => o is ExecutionOp.Measure), new ExecutionOp.Kraus(new[] { 2 }, new[] { (EquatableArray<Complex>)k0, k1 }, "damp"));
        var counts = ShotExecutor.Run(plan.WithOps(ops), 500, new Xoshiro256(5)).Counts;
        Assert.Equal(["000", "011"], counts.Keys.Order());
    }

    [Fact]
    public void Readout_confusion_flips_the_recorded_bit_in_the_stated_direction()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("x", 1).Measure(0, 0).Measure(1, 1);
        var plan = ExecutionPlan.FromCircuit(b.Build());
        var noisy = plan.WithOps(plan.Ops.Select(o => o is ExecutionOp.Measure m ? m with { Readout = new ReadoutConfusion(0.2, 0.0) } : o));
        var counts = ShotExecutor.Run(noisy, 5000, new Xoshiro256(6)).Counts;
        // Qubit 0 (state 0) reads 1 about 20% of the time; qubit 1 (state 1) never reads 0.
        Assert.Equal(["10", "11"], counts.Keys.Order());
        Assert.InRange(counts["11"], 850, 1150);
    }

    [Fact]
    public void Zero_shots_give_empty_counts_and_negative_shots_are_refused()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(2));
        Assert.Empty(ShotExecutor.Run(plan, 0, new Xoshiro256(1)).Counts);
        Assert.Throws<SimulationRequestException>(() => ShotExecutor.Run(plan, -1, new Xoshiro256(1)));
    }

    [Fact]
    public void A_circuit_too_large_for_the_engine_is_refused_with_the_memory_it_needs()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(34));
        var error = Assert.Throws<SimulationTooLargeException>(() => ShotExecutor.Run(plan, 10, new Xoshiro256(1)));
        Assert.Equal("simulation.too-large", error.Code);
        Assert.Contains("256 GiB", error.Message, StringComparison.Ordinal);
    }
}
