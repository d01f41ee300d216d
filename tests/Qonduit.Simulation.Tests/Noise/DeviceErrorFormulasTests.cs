using Qonduit.Simulation.Noise;

namespace Qonduit.Simulation.Tests.Noise;

public sealed class DeviceErrorFormulasTests
{
    [Fact]
    public void Depolarizing_parameter_matches_a_hand_computed_one_qubit_case()
    {
        // T1 = 50 µs, T2 = 40 µs, 50 ns gate, reported error 1e-3:
        // γ = 1 − e^{−1/1000}, c = e^{−1/800}, F_pro = (2 − γ + 2c)/4, F = (2·F_pro + 1)/3, p = 2(e − (1 − F))/(2F − 1).
        var relaxation = ThermalRelaxation.Over(50, 50, 40);
        Assert.Equal(9.99500166624978e-4, relaxation.DampingProbability, 1e-15);
        Assert.Equal(0.9987507809245809, relaxation.CoherenceFactor, 1e-15);
        var fidelity = DeviceErrorFormulas.RelaxationFidelity([relaxation]);
        Assert.Equal(0.9994170102804228, fidelity, 1e-15);
        Assert.Equal(8.349941468527368e-4, DeviceErrorFormulas.DepolarizingParameter(0.001, 1, fidelity), 1e-15);
    }

    [Fact]
    public void Depolarizing_parameter_matches_a_hand_computed_two_qubit_case()
    {
        var relaxations = new[] { ThermalRelaxation.Over(84, 50, 40), ThermalRelaxation.Over(84, 100, 150) };
        var fidelity = DeviceErrorFormulas.RelaxationFidelity(relaxations);
        Assert.Equal(0.9984338721876977, fidelity, 1e-15);
        Assert.Equal(0.011268693870101376, DeviceErrorFormulas.DepolarizingParameter(0.01, 2, fidelity), 1e-14);
    }

    [Fact]
    public void Without_relaxation_the_whole_error_is_depolarisation()
    {
        // F(dep_p) = 1 − p·(d − 1)/d, so p = e·d/(d − 1).
        Assert.Equal(0.002, DeviceErrorFormulas.DepolarizingParameter(0.001, 1), 1e-15);
        Assert.Equal(0.01 * 4 / 3, DeviceErrorFormulas.DepolarizingParameter(0.01, 2), 1e-15);
    }

    [Fact]
    public void Relaxation_that_explains_the_whole_error_leaves_no_depolarisation()
    {
        var fidelity = DeviceErrorFormulas.RelaxationFidelity([ThermalRelaxation.Over(5000, 10, 10)]);
        Assert.Equal(0, DeviceErrorFormulas.DepolarizingParameter(1 - fidelity - 1e-6, 1, fidelity));
    }

    [Fact]
    public void Unphysical_errors_are_clamped_to_the_valid_range()
    {
        // e is clamped to d/(d+1) and p to 4^n/(4^n − 1): IBM reports error 1 for uncalibrated gates.
        Assert.Equal(4.0 / 3, DeviceErrorFormulas.DepolarizingParameter(1, 1), 1e-15);
        Assert.Equal(16.0 / 15, DeviceErrorFormulas.DepolarizingParameter(1, 2), 1e-15);
    }

    [Fact]
    public void T2_longer_than_twice_T1_is_clamped()
    {
        var relaxation = ThermalRelaxation.Over(100, 10, 500);
        Assert.Equal(Math.Exp(-100 / 20e3), relaxation.CoherenceFactor, 1e-15);
        Assert.Equal(0, relaxation.PhaseFlipProbability, 1e-15);
    }
}
