using System.Numerics;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Noise;

namespace Qonduit.Simulation.Tests.Noise;

public sealed class NoiseModelTests
{
    [Theory]
    [InlineData("rz")]
    [InlineData("id")]
    [InlineData("s")]
    [InlineData("t")]
    public void Virtual_gates_and_id_get_no_noise(string gate)
    {
        var model = NoiseModel.From(Calibrations.Line(2));
        Assert.Empty(model.After(Calibrations.Gate(gate, 0)));
    }

    [Fact]
    public void A_physical_gate_gets_depolarisation_then_relaxation_of_its_qubit()
    {
        var model = NoiseModel.From(Calibrations.Line(2));
        var channels = model.After(Calibrations.Gate("sx", 1));
        Assert.Collection(channels,
            c => Assert.Equal(8.349941468527368e-4, Assert.IsType<NoiseChannel.Depolarizing>(c).Parameter, 1e-15),
            c => Assert.Equal(1, Assert.IsType<NoiseChannel.Relaxation>(c).Qubit));
    }

    [Fact]
    public void With_relaxation_switched_off_the_whole_error_is_depolarisation()
    {
        var model = NoiseModel.From(Calibrations.Line(2), thermalRelaxation: false);
        var channel = Assert.Single(model.After(Calibrations.Gate("sx", 0)));
        Assert.Equal(0.002, Assert.IsType<NoiseChannel.Depolarizing>(channel).Parameter, 1e-15);
    }

    [Fact]
    public void Two_qubit_gates_take_the_error_of_their_directed_coupler()
    {
        var line = Calibrations.Line(2);
        var snapshot = line with
        {
            Couplers = [line.Couplers[0], line.Couplers[1] with { Error = 0.03 }],
        };
        var model = NoiseModel.From(snapshot, thermalRelaxation: false);
        Assert.Equal(0.01 * 4 / 3, Depolarizing(model.After(Calibrations.Gate("cz", 0, 1))), 1e-15);
        Assert.Equal(0.03 * 4 / 3, Depolarizing(model.After(Calibrations.Gate("cz", 1, 0))), 1e-15);
    }

    [Theory]
    [InlineData("sx", 1)]
    [InlineData("cz", 2)]
    public void Depolarisation_and_relaxation_together_have_exactly_the_reported_average_gate_fidelity(string gate, int arity)
    {
        var snapshot = Calibrations.Line(2, sxError: 0.001, czError: 0.01);
        var model = NoiseModel.From(snapshot);
        var qubits = arity == 1 ? new[] { 0 } : [0, 1];
        var channels = model.After(Calibrations.Gate(gate, qubits));
        Assert.Contains(channels, c => c is NoiseChannel.Relaxation);
        var reported = arity == 1 ? 0.001 : 0.01;
        Assert.Equal(1 - reported, AverageGateFidelity(channels, arity), 1e-12);
    }

    [Fact]
    public void Readout_is_asymmetric_when_both_conditional_probabilities_are_given()
    {
        var model = NoiseModel.From(Calibrations.Line(1, prob1Given0: 0.005, prob0Given1: 0.03));
        var readout = model.Readout(0)!;
        Assert.Equal(0.005, readout.Prob1Given0);
        Assert.Equal(0.03, readout.Prob0Given1);
    }

    [Theory]
    [InlineData(0.02, 0.02)]
    [InlineData(0.7, 0.5)]
    [InlineData(-0.1, 0)]
    public void Otherwise_the_symmetric_readout_error_is_used_clamped_to_one_half(double reported, double expected)
    {
        var readout = NoiseModel.From(Calibrations.Line(1, readoutError: reported)).Readout(0);
        Assert.Equal(expected, readout?.Prob1Given0 ?? 0);
        Assert.Equal(expected, readout?.Prob0Given1 ?? 0);
    }

    [Fact]
    public void The_ideal_twin_yields_no_channel_and_no_readout_error()
    {
        var model = NoiseModel.From(IdealTwin.Of(Calibrations.Line(3)));
        Assert.Empty(model.After(Calibrations.Gate("sx", 0)));
        Assert.Empty(model.After(Calibrations.Gate("cz", 1, 2)));
        Assert.Null(model.Readout(2));
    }

    [Fact]
    public void A_delay_relaxes_its_qubits_for_its_duration()
    {
        var model = NoiseModel.From(Calibrations.Line(2));
        var delay = new Instruction.Delay(new[] { 1 }, 2.0, "us");
        var relaxation = Assert.IsType<NoiseChannel.Relaxation>(Assert.Single(model.After(delay)));
        Assert.Equal(-double.ExpM1(-2000 / 50e3), relaxation.Parameters.DampingProbability, 1e-15);
    }

    [Fact]
    public void Before_a_mid_circuit_measurement_decay_takes_its_share_of_the_reported_one_to_zero_error()
    {
        var model = NoiseModel.From(Calibrations.Line(1, t1Us: 200, t2Us: 100, prob1Given0: 0.02, prob0Given1: 0.06));
        var decay = model.ReadoutRelaxation(0)!;
        var r = -double.ExpM1(-1500 / 200e3);
        Assert.Equal(r, decay.Parameters.DampingProbability, 1e-15);
        var readout = model.Readout(0, decay)!;
        Assert.Equal(0.02, readout.Prob1Given0);
        // decay then flip reproduce the reported P(0|1) = 0.06.
        Assert.Equal(0.06, r * (1 - readout.Prob1Given0) + (1 - r) * readout.Prob0Given1, 1e-15);
    }

    private static double Depolarizing(IReadOnlyList<NoiseChannel> channels) =>
        Assert.IsType<NoiseChannel.Depolarizing>(Assert.Single(channels)).Parameter;

    /// <summary>
    /// Average gate fidelity measured on the density-matrix engine: the channels act on one half of a maximally
    /// entangled state, F_pro = ⟨Φ|ρ|Φ⟩ and F = (d·F_pro + 1)/(d + 1).
    /// </summary>
    private static double AverageGateFidelity(IReadOnlyList<NoiseChannel> channels, int arity)
    {
        var d = 1 << arity;
        var rho = DensityOperator.Zero(2 * arity);
        var bell = Enumerable.Range(0, d).Select(i => i | i << arity).ToArray();
        foreach (var row in bell)
            foreach (var column in bell)
                rho.Data[row | column << (2 * arity)] = new Complex(1.0 / d, 0);
        foreach (var channel in channels)
        {
            switch (channel)
            {
                case NoiseChannel.Depolarizing dep: rho.Depolarize(dep.Targets.AsSpan(), dep.Parameter); break;
                case NoiseChannel.Relaxation r: rho.ApplyKraus([r.Qubit], r.Parameters.Kraus()); break;
            }
        }
        var overlap = bell.Sum(row => bell.Sum(column => rho[row, column].Real)) / d;
        return (d * overlap + 1) / (d + 1);
    }
}
