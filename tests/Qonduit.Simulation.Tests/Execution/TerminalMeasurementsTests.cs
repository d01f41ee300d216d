using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Execution;

/// <summary>A measurement is terminal for its own qubit and bit; only a real dependence makes a run per shot.</summary>
public sealed class TerminalMeasurementsTests
{
    [Fact]
    public void A_measurement_followed_only_by_gates_on_other_qubits_is_one_simulation_and_has_exact_probabilities()
    {
        var b = Builder(3);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 1).Gate("cx", 1, 2).Gate("swap", 1, 2).Measure(1, 1).Gate("x", 2).Measure(2, 2);
        var plan = ExecutionPlan.FromCircuit(b.Build());

        Assert.True(plan.HasTerminalMeasurementsOnly);
        var run = ShotExecutor.Run(plan, 400, new Xoshiro256(1));
        Assert.Equal(1, run.Simulations);
        // q1 and q2 are a Bell pair before the x on q2: bits 1 and 2 always differ; bit 0 is a fair coin.
        Assert.All(run.Counts.Keys, key => Assert.NotEqual(key[0], key[1]));
        var exact = ExactDistribution.Top(plan, 8);
        Assert.Equal(["010", "011", "100", "101"], exact.Select(p => p.Outcome).Order());
        Assert.All(exact, p => Assert.Equal(0.25, p.Probability, 1e-14));
    }

    public static TheoryData<string> Dependences() => ["gate on the measured qubit", "reset of the measured qubit", "condition on its bit", "bit rewritten mid-circuit"];

    [Theory]
    [MemberData(nameof(Dependences))]
    public void A_real_dependence_on_a_measurement_makes_the_run_per_shot_and_refuses_exact_answers(string dependence)
    {
        var b = Builder(2);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 1);
        switch (dependence)
        {
            case "gate on the measured qubit": b.Gate("x", 0).Measure(0, 1); break;
            case "reset of the measured qubit": b.Add(new Instruction.Reset(0)).Measure(0, 1); break;
            case "condition on its bit": b.Add(new Instruction.Gate("x", new[] { 1 }, []) { Condition = new ClassicalCondition(new[] { 0 }, 1) }); break;
            case "bit rewritten mid-circuit": b.Measure(1, 0).Gate("x", 1).Measure(1, 1); break;
        }
        var plan = ExecutionPlan.FromCircuit(b.Build());

        Assert.False(plan.HasTerminalMeasurementsOnly);
        Assert.Equal(50, ShotExecutor.Run(plan, 50, new Xoshiro256(1)).Simulations);
        var error = Assert.Throws<SimulationRequestException>(() => ExactDistribution.Top(plan, 4));
        Assert.Equal("simulation.not-terminal", error.Code);
    }

    [Fact]
    public void A_reset_of_a_fresh_qubit_or_of_one_nothing_uses_again_changes_nothing_and_keeps_one_simulation()
    {
        var b = Builder(2);
        b.Add(new Instruction.Reset(0)).Gate("x", 0).Gate("h", 1).Measure(0, 0).Add(new Instruction.Reset(0)).Measure(1, 1).Add(new Instruction.Reset(1));
        var plan = ExecutionPlan.FromCircuit(b.Build());

        Assert.True(plan.HasTerminalMeasurementsOnly);
        Assert.Equal(1, ShotExecutor.Run(plan, 100, new Xoshiro256(2)).Simulations);
        Assert.Equal(["01", "11"], ExactDistribution.Top(plan, 4).Select(p => p.Outcome).Order());
    }

    [Fact]
    public void From_a_shared_prefix_a_reset_before_any_gate_is_not_assumed_to_act_on_zero()
    {
        var b = Builder(1);
        b.Add(new Instruction.Reset(0)).Measure(0, 0);
        var plan = ExecutionPlan.FromCircuit(b.Build());

        Assert.True(plan.WithTerminalMeasurementsLast(startsInZero: true).MeasuresOnlyAtEnd);
        Assert.False(plan.WithTerminalMeasurementsLast(startsInZero: false).MeasuresOnlyAtEnd);
    }

    [Fact]
    public void A_bit_measured_twice_reports_its_last_write_and_the_overwritten_qubit_does_not_split_exact_outcomes()
    {
        var b = Builder(2);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 1).Measure(1, 0);
        var plan = ExecutionPlan.FromCircuit(b.Build());

        Assert.True(plan.HasTerminalMeasurementsOnly);
        var exact = ExactDistribution.Top(plan, 4);
        Assert.Equal(["00", "01"], exact.Select(p => p.Outcome).Order());
        Assert.All(exact, p => Assert.Equal(0.5, p.Probability, 1e-14));
        Assert.Equal(0.5, ExactDistribution.Of(plan, ["01"]).Single().Probability, 1e-14);
        Assert.Equal(["00", "01"], ShotExecutor.Run(plan, 200, new Xoshiro256(4)).Counts.Keys.Order());
    }

    [Fact]
    public void Per_shot_runs_draw_terminal_measurements_from_the_final_state_and_keep_their_meaning()
    {
        // q0's measurement conditions a gate; q1 is measured early but nothing depends on it, so it is drawn at the end.
        var b = Builder(3);
        b.Gate("h", 1).Measure(1, 1).Gate("h", 0).Measure(0, 0)
            .Add(new Instruction.Gate("x", new[] { 2 }, []) { Condition = new ClassicalCondition(new[] { 0 }, 1) })
            .Gate("cx", 0, 2).Measure(2, 2);
        var plan = ExecutionPlan.FromCircuit(b.Build());

        var counts = ShotExecutor.Run(plan, 2000, new Xoshiro256(9)).Counts;
        // Bit 2 is always 0 (x then cx undo each other when bit 0 is 1); bits 0 and 1 are independent fair coins.
        Assert.Equal(["000", "001", "010", "011"], counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.InRange(n, 400, 600));
    }

    private static CircuitBuilder Builder(int qubits)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", qubits);
        b.AddClassicalRegister("c", qubits);
        return b;
    }
}
