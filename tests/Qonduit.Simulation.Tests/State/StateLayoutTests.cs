using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.State;

/// <summary>
/// The production layout puts a gap after every 128 MiB, which only states of 2^23 amplitudes and more reach; a layout
/// with segments of 8 amplitudes sends every kernel and reduction of a small state across gaps.
/// </summary>
public sealed class StateLayoutTests
{
    private const int Qubits = 7;
    private static readonly StateLayout Small = new(SegmentBits: 3, GapAmplitudes: 4);

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Kernels_on_a_segmented_state_match_the_oracle_on_a_contiguous_one(Precision precision)
    {
        var random = new Random(5);
        var amplitudes = TestStates.Random(Qubits, random);
        var tolerance = precision == Precision.Double ? 1e-12 : 2e-6;
        foreach (var targets in new[] { new[] { 0 }, [3], [6], [0, 6], [2, 5], [1, 3, 6], [4, 5, 6], [0, 1, 2], [6, 0, 3, 4] })
        {
            var matrix = TestStates.RandomUnitary(targets.Length, random);
            using var segmented = Segmented(amplitudes, precision);
            using var oracle = TestStates.Load(amplitudes, Qubits, Precision.Double);
            segmented.Apply(targets, matrix, GateStructure.General);
            oracle.ApplyScalar(targets, matrix);
            Assert.True(TestStates.MaxDifference(segmented, oracle) < tolerance, $"targets {string.Join(",", targets)}");
        }
        foreach (var name in new[] { "cz", "rzz", "cx", "swap", "ccx", "x" })
        {
            var definition = GateLibrary.Get(name);
            var matrix = definition.Matrix(Enumerable.Repeat(0.7, definition.NumParameters).ToArray());
            var targets = Enumerable.Range(Qubits - definition.NumQubits, definition.NumQubits).Reverse().ToArray();
            using var segmented = Segmented(amplitudes, precision);
            using var oracle = TestStates.Load(amplitudes, Qubits, Precision.Double);
            segmented.Apply(targets, matrix, definition.Structure);
            oracle.ApplyScalar(targets, matrix);
            Assert.True(TestStates.MaxDifference(segmented, oracle) < tolerance, name);
        }
    }

    [Fact]
    public void Reductions_copies_and_reset_on_a_segmented_state_match_a_contiguous_one()
    {
        var amplitudes = TestStates.Random(Qubits, new Random(9));
        using var segmented = Segmented(amplitudes, Precision.Double);
        using var contiguous = TestStates.Load(amplitudes, Qubits, Precision.Double);
        Assert.Equal(contiguous.NormSquared(), segmented.NormSquared(), 12);
        foreach (var q in new[] { 0, 3, 6 }) Assert.Equal(contiguous.ProbabilityOfOne(q), segmented.ProbabilityOfOne(q), 12);
        var expected = contiguous.ReducedDensityMatrix([6, 1]);
        var actual = segmented.ReducedDensityMatrix([6, 1]);
        for (var i = 0; i < expected.Length; i++) Assert.True((expected[i] - actual[i]).Magnitude < 1e-12);
        var probabilities = new double[1 << Qubits];
        segmented.Probabilities(0, probabilities);
        Assert.Equal(segmented.ChunkProbabilities().Sum(), probabilities.Sum(), 12);
        for (var i = 0; i < probabilities.Length; i++) Assert.Equal(Complex.Abs(amplitudes[i]) * Complex.Abs(amplitudes[i]), probabilities[i], 12);
        using var copy = new StateVector<double>(Qubits, Small);
        copy.CopyFrom(segmented);
        Assert.True(TestStates.MaxDifference(copy, amplitudes) < 1e-15);
        copy.Reset();
        Assert.Equal(Complex.One, copy.GetAmplitude(0));
        Assert.Equal(1.0, copy.NormSquared(), 15);
    }

    private static StateVector Segmented(Complex[] amplitudes, Precision precision)
    {
        StateVector state = precision == Precision.Double ? new StateVector<double>(Qubits, Small) : new StateVector<float>(Qubits, Small);
        state.Load(amplitudes);
        return state;
    }
}
