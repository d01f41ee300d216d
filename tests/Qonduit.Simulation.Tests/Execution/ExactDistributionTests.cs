using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class ExactDistributionTests
{
    [Fact]
    public void A_ghz_state_has_exactly_two_outcomes_of_one_half()
    {
        var top = ExactDistribution.Top(ExecutionPlan.FromCircuit(TestCircuits.Ghz(6)), 4);
        Assert.Equal(2, top.Count);
        Assert.All(top, p => Assert.Equal(0.5, p.Probability, 1e-14));
        Assert.Equal(["000000", "111111"], top.Select(p => p.Outcome).Order());
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 37)]
    public void The_qft_of_a_basis_state_is_uniform(int n, int x)
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Qft(n, x));
        var top = ExactDistribution.Top(plan, 1 << n);
        Assert.Equal(1 << n, top.Count);
        Assert.All(top, p => Assert.Equal(1.0 / (1 << n), p.Probability, 1e-13));
    }

    [Fact]
    public void The_qft_followed_by_its_inverse_returns_the_basis_state()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Qft(6, 0b101101, inverseAfter: true));
        var named = ExactDistribution.Of(plan, ["101101", "000000"]);
        Assert.Equal(1.0, named[0].Probability, 1e-12);
        Assert.Equal(0.0, named[1].Probability, 1e-12);
    }

    [Fact]
    public void Outcomes_marginalise_over_unmeasured_qubits_and_follow_register_order()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 3);
        b.AddClassicalRegister("a", 1);
        b.AddClassicalRegister("b", 1);
        b.Gate("x", 2).Gate("h", 1).Measure(2, 0);
        var plan = ExecutionPlan.FromCircuit(b.Build());
        var top = ExactDistribution.Top(plan, 4);
        // Register b (declared last) prints first; qubit 1 is unmeasured and summed out.
        Assert.Equal("0 1", Assert.Single(top).Outcome);
        Assert.Equal(1.0, top[0].Probability, 1e-14);
    }

    [Fact]
    public void A_named_outcome_of_the_wrong_width_is_a_typed_error()
    {
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Ghz(3));
        var error = Assert.Throws<SimulationRequestException>(() => ExactDistribution.Of(plan, ["0101"]));
        Assert.Equal("simulation.invalid-outcome", error.Code);
    }

    [Fact]
    public void Exact_probabilities_of_a_mid_circuit_measurement_are_refused()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddClassicalRegister("c", 1);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 0);
        var error = Assert.Throws<SimulationRequestException>(() => ExactDistribution.Top(ExecutionPlan.FromCircuit(b.Build()), 2));
        Assert.Equal("simulation.not-terminal", error.Code);
    }
}
