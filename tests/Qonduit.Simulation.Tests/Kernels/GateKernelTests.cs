using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Kernels;

public sealed class GateKernelTests
{
    private const int Qubits = 7;

    public static TheoryData<string> LibraryGates()
    {
        var data = new TheoryData<string>();
        foreach (var gate in GateLibrary.All) data.Add(gate.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(LibraryGates))]
    public void Every_library_gate_matches_the_scalar_oracle_on_random_states_and_placements(string name)
    {
        var definition = GateLibrary.Get(name);
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        for (var trial = 0; trial < 12; trial++)
        {
            var parameters = Enumerable.Range(0, definition.NumParameters).Select(_ => random.NextDouble() * 6 - 3).ToArray();
            var matrix = definition.Matrix(parameters);
            var targets = Placement(definition.NumQubits, trial, random);
            AssertMatchesOracle(targets, matrix, definition.Structure, Precision.Double, 1e-12);
            AssertMatchesOracle(targets, matrix, definition.Structure, Precision.Single, 2e-6);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Dense_blocks_of_k_qubits_match_the_oracle_wherever_their_targets_sit(int k)
    {
        var random = new Random(100 + k);
        for (var trial = 0; trial < 16; trial++)
        {
            var targets = Placement(k, trial, random);
            var matrix = TestStates.RandomUnitary(k, random);
            AssertMatchesOracle(targets, matrix, GateStructure.General, Precision.Double, 1e-12);
            AssertMatchesOracle(targets, matrix, GateStructure.General, Precision.Single, 2e-6);
        }
    }

    /// <summary>
    /// Every dense-block path by where its targets sit: none, one or two inside a vector (qubits 0, 1 in single
    /// precision; qubit 0 in double), the lowest qubit above the lanes, the highest qubit, and targets out of order.
    /// </summary>
    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 2, 0, 1 })]
    [InlineData(new[] { 1, 2, 3 })]
    [InlineData(new[] { 2, 3, 4 })]
    [InlineData(new[] { 0, 3, 6 })]
    [InlineData(new[] { 6, 1, 4 })]
    [InlineData(new[] { 4, 5, 6 })]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 1, 0 })]
    [InlineData(new[] { 1, 2 })]
    [InlineData(new[] { 0, 6 })]
    [InlineData(new[] { 5, 6 })]
    [InlineData(new[] { 3, 0, 1, 2 })]
    [InlineData(new[] { 6, 2, 4, 3 })]
    public void Dense_blocks_match_the_oracle_with_none_one_or_two_targets_inside_a_vector(int[] targets)
    {
        var matrix = TestStates.RandomUnitary(targets.Length, new Random(targets.Aggregate(17, (h, t) => h * 31 + t)));
        AssertMatchesOracle(targets, matrix, GateStructure.General, Precision.Double, 1e-12);
        AssertMatchesOracle(targets, matrix, GateStructure.General, Precision.Single, 2e-6);
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Single)]
    public void Dense_blocks_on_a_parallel_sized_state_match_the_oracle_at_the_lowest_and_highest_qubits(Precision precision)
    {
        const int n = 16;
        var random = new Random(11);
        var amplitudes = TestStates.Random(n, random);
        foreach (var targets in new[] { new[] { 0, 1, 2 }, [1, 2, 3], [2, 3, 4], [13, 14, 15], [0, 15], [15, 0, 7, 8] })
        {
            var matrix = TestStates.RandomUnitary(targets.Length, random);
            using var fast = TestStates.Load(amplitudes, n, precision);
            using var oracle = TestStates.Load(amplitudes, n, Precision.Double);
            fast.Apply(targets, matrix, GateStructure.General);
            oracle.ApplyScalar(targets, matrix);
            var difference = TestStates.MaxDifference(fast, oracle);
            Assert.True(difference < (precision == Precision.Double ? 1e-12 : 2e-6), $"targets {string.Join(",", targets)}: {difference:E2}");
        }
    }

    [Fact]
    public void Large_states_take_the_parallel_path_and_still_match_the_oracle()
    {
        var random = new Random(7);
        var amplitudes = TestStates.Random(16, random);
        foreach (var targets in new[] { new[] { 0 }, [15], [1, 9], [14, 3, 0] })
        {
            var matrix = TestStates.RandomUnitary(targets.Length, random);
            using var fast = TestStates.Load(amplitudes, 16, Precision.Double);
            using var oracle = TestStates.Load(amplitudes, 16, Precision.Double);
            fast.Apply(targets, matrix, GateStructure.General);
            oracle.ApplyScalar(targets, matrix);
            Assert.True(TestStates.MaxDifference(fast, oracle) < 1e-12);
        }
    }

    [Fact]
    public void Diagonal_and_permutation_kernels_agree_with_the_general_kernel()
    {
        var random = new Random(3);
        var amplitudes = TestStates.Random(Qubits, random);
        foreach (var name in new[] { "cz", "rzz", "crz", "cx", "swap", "ccx", "x" })
        {
            var definition = GateLibrary.Get(name);
            var matrix = definition.Matrix(Enumerable.Repeat(0.7, definition.NumParameters).ToArray());
            foreach (var targets in new[] { Enumerable.Range(0, definition.NumQubits).ToArray(), Enumerable.Range(3, definition.NumQubits).Reverse().ToArray() })
            {
                using var specialised = TestStates.Load(amplitudes, Qubits, Precision.Double);
                using var general = TestStates.Load(amplitudes, Qubits, Precision.Double);
                specialised.Apply(targets, matrix, TestStates.Classify(matrix));
                general.Apply(targets, matrix, GateStructure.General);
                Assert.True(TestStates.MaxDifference(specialised, general) < 1e-12, $"{name} on {string.Join(",", targets)}");
            }
        }
    }

    private static void AssertMatchesOracle(int[] targets, Complex[] matrix, GateStructure structure, Precision precision, double tolerance)
    {
        var random = new Random(targets.Sum() * 31 + matrix.Length);
        var amplitudes = TestStates.Random(Qubits, random);
        using var fast = TestStates.Load(amplitudes, Qubits, precision);
        using var oracle = TestStates.Load(amplitudes, Qubits, Precision.Double);
        fast.Apply(targets, matrix, structure);
        oracle.ApplyScalar(targets, matrix);
        var difference = TestStates.MaxDifference(fast, oracle);
        Assert.True(difference < tolerance, $"targets {string.Join(",", targets)}: difference {difference:E2} ({precision})");
    }

    /// <summary>Distinct qubits; early trials pin the lowest (in-vector) and highest qubits, later ones are random.</summary>
    private static int[] Placement(int k, int trial, Random random)
    {
        var qubits = Enumerable.Range(0, Qubits).ToList();
        if (trial % 3 == 0) return [.. qubits.Take(k).Reverse()];
        if (trial % 3 == 1) return [.. qubits.Skip(Qubits - k)];
        return [.. qubits.OrderBy(_ => random.Next()).Take(k)];
    }
}
