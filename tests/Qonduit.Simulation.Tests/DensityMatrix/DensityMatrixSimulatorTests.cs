using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Tests.Noise;

namespace Qonduit.Simulation.Tests.DensityMatrix;

public sealed class DensityMatrixSimulatorTests
{
    [Fact]
    public void A_noiseless_bell_circuit_gives_one_half_on_00_and_11()
    {
        var circuit = Bell().Build();
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(circuit, null));
        Assert.Equal(2, result.Probabilities.Count);
        Assert.Equal(0.5, result.Probabilities["00"], 1e-12);
        Assert.Equal(0.5, result.Probabilities["11"], 1e-12);
    }

    [Fact]
    public void Readout_errors_flip_recorded_bits_with_their_conditional_probabilities()
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 2);
        builder.AddClassicalRegister("c", 2);
        builder.Gate("x", 1).Measure(0, 0).Measure(1, 1);
        var model = NoiseModel.From(Calibrations.Line(2, sxError: 0, prob1Given0: 0.1, prob0Given1: 0.3), thermalRelaxation: false);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), model));
        // qubit 1 is |1⟩ (read 0 with 0.3), qubit 0 is |0⟩ (read 1 with 0.1); key "c1 c0".
        Assert.Equal(0.7 * 0.9, result.Probabilities["10"], 1e-12);
        Assert.Equal(0.3 * 0.9, result.Probabilities["00"], 1e-12);
        Assert.Equal(0.7 * 0.1, result.Probabilities["11"], 1e-12);
        Assert.Equal(0.3 * 0.1, result.Probabilities["01"], 1e-12);
    }

    [Fact]
    public void Mid_circuit_measurement_and_a_condition_are_exact()
    {
        // h q0; measure q0 -> c0; if (c == 1) x q1; measure q1 -> c1: only 00 and 11, half each.
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 2);
        builder.AddClassicalRegister("c", 2);
        builder.Gate("h", 0).Measure(0, 0);
        builder.Add(new Instruction.Gate("x", new[] { 1 }, EquatableArray<ParameterExpression>.Empty) { Condition = new ClassicalCondition(new[] { 0, 1 }, 1) });
        builder.Measure(1, 1);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), null));
        Assert.Equal(0.5, result.Probabilities["00"], 1e-12);
        Assert.Equal(0.5, result.Probabilities["11"], 1e-12);
    }

    [Fact]
    public void Reset_returns_the_qubit_to_zero_whatever_it_held()
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 1);
        builder.AddClassicalRegister("c", 1);
        builder.Gate("h", 0).Add(new Instruction.Reset(0)).Measure(0, 0);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), null));
        Assert.Equal(1, result.Probabilities["0"], 1e-12);
    }

    [Fact]
    public void Relaxation_damps_populations_and_coherences_at_the_thermal_rates()
    {
        // x then sx on a qubit with T1 = 50 µs, T2 = 40 µs: the excited population after the second gate's
        // relaxation is checked against e^{-t/T1} per gate through the exact state.
        var snapshot = Calibrations.Line(1, sxError: 0, readoutError: 0, sxLengthNs: 2000);
        var circuit = new CircuitBuilder();
        circuit.AddQuantumRegister("q", 1);
        circuit.Gate("x", 0);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(circuit.Build(), NoiseModel.From(snapshot)));
        Assert.Equal(Math.Exp(-2000 / 50e3), result.Probabilities["1"], 1e-12);
    }

    [Fact]
    public void Depolarisation_on_a_bell_pair_mixes_in_the_maximally_mixed_state()
    {
        var snapshot = Calibrations.Line(2, sxError: 0, czError: 0.03, t1Us: null, t2Us: null, readoutError: 0);
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 2);
        builder.Gate("cz", 0, 1);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), NoiseModel.From(snapshot)));
        // p = 0.03·4/3 = 0.04: |00⟩ keeps 1 − p + p/4, the other three get p/4 each.
        Assert.Equal(1 - 0.04 + 0.01, result.Probabilities["00"], 1e-12);
        Assert.Equal(0.01, result.Probabilities["11"], 1e-12);
    }

    [Fact]
    public void Without_noise_it_agrees_with_the_state_vector_engine()
    {
        var circuit = NoisyCircuits.Entangling();
        var exact = Simulator.Run(circuit, null, new SimulationOptions { Exact = true, Top = 8 }).Probabilities!;
        var density = DensityMatrixSimulator.Run(NoisyPlan.Build(circuit, null)).Probabilities;
        foreach (var outcome in exact) Assert.Equal(outcome.Probability, density.GetValueOrDefault(outcome.Outcome), 1e-12);
    }

    [Fact]
    public void A_six_qubit_ghz_state_splits_evenly_between_all_zeros_and_all_ones()
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 6);
        builder.Gate("h", 0);
        for (var q = 1; q < 6; q++) builder.Gate("cx", q - 1, q);
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), null));
        Assert.Equal(0.5, result.Probabilities["000000"], 1e-12);
        Assert.Equal(0.5, result.Probabilities["111111"], 1e-12);
    }

    [Fact]
    public void More_than_twelve_qubits_are_refused_with_a_typed_error()
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 13);
        var error = Assert.Throws<DensityMatrixTooLargeException>(() => DensityMatrixSimulator.Run(NoisyPlan.Build(builder.Build(), null)));
        Assert.Equal("simulation.density-matrix-too-large", error.Code);
    }

    [Fact]
    public void Sampled_counts_are_deterministic_for_a_seed()
    {
        var result = DensityMatrixSimulator.Run(NoisyPlan.Build(Bell().Build(), null));
        Assert.Equal(result.SampleCounts(1000, 7), result.SampleCounts(1000, 7));
        Assert.Equal(1000, result.SampleCounts(1000, 7).Values.Sum());
    }

    private static CircuitBuilder Bell()
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 2);
        builder.AddClassicalRegister("c", 2);
        return builder.Gate("h", 0).Gate("cx", 0, 1).Measure(0, 0).Measure(1, 1);
    }
}
