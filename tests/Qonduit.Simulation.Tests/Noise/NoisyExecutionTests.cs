using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Noise;

namespace Qonduit.Simulation.Tests.Noise;

public sealed class NoisyExecutionTests
{
    private const int Shots = 8_000;

    /// <summary>Exaggerated errors so the noise is plain; qubit 1 has T2 &gt; T1 (Kraus damping), the others T2 ≤ T1 (reset mixture).</summary>
    private static DeviceSnapshot Noisy()
    {
        var line = Calibrations.Line(3, sxError: 0.02, czError: 0.08, t1Us: 20, t2Us: 15, prob1Given0: 0.02, prob0Given1: 0.06,
            sxLengthNs: 400, czLengthNs: 900);
        return line with { Qubits = [line.Qubits[0], line.Qubits[1] with { T2Us = 35 }, line.Qubits[2]] };
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Trajectories_agree_with_the_density_matrix_engine(bool relaxation)
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = Shots, Seed = 11, ThermalRelaxation = relaxation };
        var sampled = Simulator.Run(circuit, Noisy(), options);
        var exact = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, Noisy(), options)).Probabilities;
        var ideal = DensityMatrixSimulator.Run(NoisyPlan.Build(circuit, null)).Probabilities;

        var bound = NoisyCircuits.SamplingBound(8, Shots);
        Assert.True(sampled.Noisy);
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts!, exact), 0, bound);
        Assert.True(NoisyCircuits.TotalVariation(sampled.Counts!, ideal) > 3 * bound, "the noise must be visible for the comparison to mean something");
    }

    [Fact]
    public void Shots_with_the_same_error_pattern_share_one_simulation()
    {
        var options = new SimulationOptions { Shots = 4096, Seed = 5, ThermalRelaxation = false };
        var result = Simulator.Run(NoisyCircuits.Entangling(), Calibrations.Line(3), options);
        Assert.Equal(4096, result.Counts!.Values.Sum());
        Assert.InRange(result.Simulations, 2, 400);
    }

    [Fact]
    public void Readout_errors_flip_ones_and_zeros_at_their_own_rates()
    {
        var snapshot = Calibrations.Line(2, sxError: 0, t1Us: null, t2Us: null, prob1Given0: 0.01, prob0Given1: 0.15);
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 2);
        b.Gate("x", 1).Measure(0, 0).Measure(1, 1);
        var counts = Simulator.Run(b.Build(), snapshot, new SimulationOptions { Shots = 20_000, Seed = 3 }).Counts!;
        var zeroReadAsOne = counts.Where(c => c.Key[1] == '1').Sum(c => c.Value) / 20_000.0;
        var oneReadAsZero = counts.Where(c => c.Key[0] == '0').Sum(c => c.Value) / 20_000.0;
        Assert.InRange(zeroReadAsOne, 0.005, 0.015);
        Assert.InRange(oneReadAsZero, 0.13, 0.17);
    }

    [Fact]
    public void The_ideal_twin_gives_exactly_the_noiseless_counts_for_the_same_seed()
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = 2048, Seed = 42 };
        var twin = Simulator.Run(circuit, IdealTwin.Of(Noisy()), options);
        var noiseless = Simulator.Run(circuit, null, options);
        Assert.False(twin.Noisy);
        Assert.Equal(noiseless.Counts!.OrderBy(c => c.Key), twin.Counts!.OrderBy(c => c.Key));
        Assert.Equal(1, twin.Simulations);
    }

    [Fact]
    public void A_seed_fixes_the_noisy_counts()
    {
        var circuit = NoisyCircuits.Entangling();
        var first = Simulator.Run(circuit, Noisy(), new SimulationOptions { Shots = 1000, Seed = 9 });
        var again = Simulator.Run(circuit, Noisy(), new SimulationOptions { Shots = 1000, Seed = 9 });
        var other = Simulator.Run(circuit, Noisy(), new SimulationOptions { Shots = 1000, Seed = 10 });
        Assert.Equal(first.Counts!.OrderBy(c => c.Key), again.Counts!.OrderBy(c => c.Key));
        Assert.NotEqual(first.Counts!.OrderBy(c => c.Key), other.Counts!.OrderBy(c => c.Key));
    }

    [Fact]
    public void Noise_off_runs_the_circuit_as_if_no_device_were_bound()
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = 512, Seed = 1 };
        var off = Simulator.Run(circuit, Noisy(), options with { Noise = false });
        Assert.Equal(Simulator.Run(circuit, null, options).Counts!.OrderBy(c => c.Key), off.Counts!.OrderBy(c => c.Key));
    }

    [Fact]
    public void The_density_matrix_engine_is_selectable_and_answers_exact_noisy_probabilities()
    {
        var circuit = NoisyCircuits.Entangling();
        var exact = Simulator.Run(circuit, Noisy(), new SimulationOptions { Exact = true, Top = 8 });
        Assert.Equal(1, exact.Probabilities!.Sum(p => p.Probability), 1e-12);
        var sampled = Simulator.Run(circuit, Noisy(), new SimulationOptions { Engine = SimulationEngine.DensityMatrix, Shots = 100, Seed = 2 });
        Assert.Equal(100, sampled.Counts!.Values.Sum());
    }

    [Fact]
    public void Dynamic_circuits_with_delays_agree_with_the_density_matrix_engine()
    {
        // sx; delay; measure mid-circuit (the qubit decays over the readout length first); conditional x on another
        // qubit; reuse the measured qubit; measure everything.
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 2);
        b.AddClassicalRegister("c", 3);
        b.Gate("sx", 0).Add(new Instruction.Delay(new[] { 0 }, 3.0, "us")).Measure(0, 0);
        b.Add(Calibrations.Gate("x", 1) with { Condition = new ClassicalCondition(new[] { 0 }, 1) });
        b.Gate("sx", 0).Gate("cz", 0, 1).Measure(0, 1).Measure(1, 2);
        var circuit = b.Build();
        var options = new SimulationOptions { Shots = 8000, Seed = 21 };
        var sampled = Simulator.Run(circuit, Noisy(), options);
        var exact = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, Noisy(), options)).Probabilities;
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts!, exact), 0, NoisyCircuits.SamplingBound(8, 8000));
    }

    [Fact]
    public void A_mid_circuit_readout_keeps_the_reported_error_while_the_decayed_qubit_stays_in_zero()
    {
        var snapshot = Calibrations.Line(1, sxError: 0, t1Us: 20, t2Us: 20, prob1Given0: 0.01, prob0Given1: 0.09, sxLengthNs: 0);
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddClassicalRegister("c", 2);
        b.Gate("x", 0).Measure(0, 0).Measure(0, 1);
        var exact = DensityMatrixSimulator.Run(NoisyExecution.Prepare(b.Build(), snapshot, new SimulationOptions())).Probabilities;
        // First record: P(0) = 0.09 as reported. The final read follows a qubit that already decayed during the first
        // readout with r = 1 − e^{−1.5/20}: it reads 0 with r·(1 − 0.01) + (1 − r)·0.09.
        var r = -double.ExpM1(-1.5 / 20);
        var firstZero = exact.Where(p => p.Key[1] == '0').Sum(p => p.Value);
        var secondZero = exact.Where(p => p.Key[0] == '0').Sum(p => p.Value);
        Assert.Equal(0.09, firstZero, 1e-12);
        Assert.Equal(r * 0.99 + (1 - r) * 0.09, secondZero, 1e-12);
    }

    [Theory]
    [InlineData(35.0)]
    [InlineData(15.0)]
    public void Long_relaxation_in_trajectories_matches_the_exact_decay(double t2Us)
    {
        // Damping probabilities near 0.4 per delay make every jump-candidate and reset path matter.
        var snapshot = Calibrations.Line(1, sxError: 0, t1Us: 20, t2Us: t2Us, readoutError: 0, sxLengthNs: 0);
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddClassicalRegister("c", 1);
        b.Gate("x", 0).Add(new Instruction.Delay(new[] { 0 }, 10.0, "us")).Gate("sx", 0)
            .Add(new Instruction.Delay(new[] { 0 }, 5.0, "us")).Gate("sx", 0).Measure(0, 0);
        var circuit = b.Build();
        var options = new SimulationOptions { Shots = 8000, Seed = 8 };
        var sampled = Simulator.Run(circuit, snapshot, options);
        var exact = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, snapshot, options)).Probabilities;
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts!, exact), 0, NoisyCircuits.SamplingBound(2, 8000));
    }
}
