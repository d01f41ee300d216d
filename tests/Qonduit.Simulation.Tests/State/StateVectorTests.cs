using System.Numerics;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.State;

public sealed class StateVectorTests
{
    [Theory]
    [InlineData(Precision.Double, 6)]
    [InlineData(Precision.Single, 6)]
    [InlineData(Precision.Double, 16)]
    [InlineData(Precision.Single, 16)]
    public void One_qubit_reduced_density_matrices_and_probabilities_match_a_direct_sum(Precision precision, int n)
    {
        var amplitudes = TestStates.Random(n, new Random(n));
        using var state = TestStates.Load(amplitudes, n, precision);
        var tolerance = precision == Precision.Double ? 1e-12 : 1e-5;
        for (var q = 0; q < n; q++)
        {
            Complex rho00 = 0, rho11 = 0, rho01 = 0;
            for (var i = 0; i < amplitudes.Length; i++)
            {
                if ((i >> q & 1) != 0) continue;
                var (a0, a1) = (amplitudes[i], amplitudes[i | 1 << q]);
                rho00 += a0 * Complex.Conjugate(a0);
                rho11 += a1 * Complex.Conjugate(a1);
                rho01 += a0 * Complex.Conjugate(a1);
            }
            var rho = state.ReducedDensityMatrix([q]);
            Assert.True((rho[0] - rho00).Magnitude < tolerance && (rho[3] - rho11).Magnitude < tolerance, $"populations of qubit {q}");
            Assert.True((rho[1] - rho01).Magnitude < tolerance && (rho[2] - Complex.Conjugate(rho01)).Magnitude < tolerance, $"coherence of qubit {q}");
            Assert.Equal(rho11.Real, state.ProbabilityOfOne(q), tolerance);
        }
    }

    [Fact]
    public void A_new_state_is_all_zeros_with_unit_norm_and_copies_are_independent()
    {
        using var state = StateVector.Create(5, Precision.Double);
        Assert.Equal(Complex.One, state.GetAmplitude(0));
        Assert.Equal(1.0, state.NormSquared(), 1e-15);
        using var copy = StateVector.Create(5, Precision.Double);
        state.Apply([2], [0, 1, 1, 0], Qonduit.Circuits.Gates.GateStructure.Permutation);
        copy.CopyFrom(state);
        state.Reset();
        Assert.Equal(Complex.One, copy.GetAmplitude(4));
        Assert.Equal(Complex.One, state.GetAmplitude(0));
    }

    [Fact]
    public void More_than_thirty_qubits_are_refused_naming_the_memory_needed()
    {
        var error = Assert.Throws<SimulationTooLargeException>(() => StateVector.Create(31, Precision.Double));
        Assert.Equal(31, error.Qubits);
        Assert.Equal(32L << 30, error.BytesNeeded);
        Assert.Contains("32 GiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_larger_than_the_available_memory_is_refused_before_allocating()
    {
        // 30 qubits in double precision need 16 GiB; 4,096 copies are more than any machine has.
        var error = Assert.Throws<SimulationTooLargeException>(() => StateVectorLimits.EnsureFits(30, Precision.Double, copies: 4096));
        Assert.Equal(4096L * (16L << 30), error.BytesNeeded);
    }
}
