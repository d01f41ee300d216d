using System.Numerics;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Sampling;

public sealed class StateSamplerTests
{
    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Sampled_frequencies_follow_the_squared_amplitudes_and_never_hit_a_zero_amplitude(Precision precision)
    {
        // Sixteen non-zero amplitudes spread over a 2^16 state (across many sampling chunks), weights 1…16.
        const int n = 16;
        var amplitudes = new Complex[1 << n];
        var indices = Enumerable.Range(0, 16).Select(i => (long)i * 4099 % (1 << n)).ToArray();
        for (var i = 0; i < indices.Length; i++) amplitudes[indices[i]] = Complex.FromPolarCoordinates(Math.Sqrt((i + 1) / 136.0), i);
        using var state = TestStates.Load(amplitudes, n, precision);
        const int shots = 200_000;
        var counts = StateSampler.Sample(state, shots, new Xoshiro256(17));
        Assert.Equal(shots, counts.Values.Sum());
        Assert.All(counts.Keys, k => Assert.Contains(k, indices));
        for (var i = 0; i < indices.Length; i++)
        {
            var p = (i + 1) / 136.0;
            var sigma = Math.Sqrt(shots * p * (1 - p));
            Assert.InRange(counts.GetValueOrDefault(indices[i]), shots * p - 5 * sigma, shots * p + 5 * sigma);
        }
    }
}
