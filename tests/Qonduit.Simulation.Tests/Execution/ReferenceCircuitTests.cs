using Qonduit.Circuits.Qasm;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.State;
using Qonduit.Tests.Shared;

namespace Qonduit.Simulation.Tests.Execution;

/// <summary>The reference random circuits RC(n, 10) against the consensus P(|0…0⟩) of data/bench-circuits/README.md.</summary>
public sealed class ReferenceCircuitTests
{
    [Theory]
    [InlineData(12, 7.713807857851750e-06)]
    [InlineData(16, 5.191560592896472e-05)]
    [InlineData(18, 7.915278489762431e-06)]
    [InlineData(20, 5.279927602721145e-07)]
    public void The_probability_of_all_zeros_matches_the_reference_to_1e_9_relative(int n, double expected)
    {
        var plan = ExecutionPlan.FromCircuit(QasmParser.ParseFile(RepoPaths.Data("bench-circuits", $"rc_n{n}_d10.qasm")));
        using var state = ShotExecutor.FinalState(plan);
        var zero = state.GetAmplitude(0);
        var probability = zero.Real * zero.Real + zero.Imaginary * zero.Imaginary;
        Assert.True(Math.Abs(probability - expected) <= 1e-9 * expected, $"P(0…0) = {probability:E15}, expected {expected:E15}");
    }

    [Fact]
    public void Single_precision_gets_the_reference_figure_to_single_precision_accuracy()
    {
        var plan = ExecutionPlan.FromCircuit(QasmParser.ParseFile(RepoPaths.Data("bench-circuits", "rc_n16_d10.qasm")));
        using var state = ShotExecutor.FinalState(plan, new ExecutionOptions { Precision = Precision.Single });
        var probability = state.GetAmplitude(0).Magnitude * state.GetAmplitude(0).Magnitude;
        Assert.Equal(5.191560592896472e-05, probability, 1e-5 * 5.19e-05);
    }
}
