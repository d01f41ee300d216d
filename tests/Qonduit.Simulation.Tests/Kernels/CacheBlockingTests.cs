using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Kernels;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests.Kernels;

public sealed class CacheBlockingTests
{
    private const int Qubits = 17;

    [Theory]
    [InlineData(Precision.Double, false)]
    [InlineData(Precision.Single, false)]
    [InlineData(Precision.Double, true)]
    public void Gates_applied_chunk_by_chunk_give_the_state_of_gates_applied_one_by_one(Precision precision, bool segmented)
    {
        var random = new Random(21);
        var amplitudes = TestStates.Random(Qubits, random);
        var gates = new List<CompiledMatrix>();
        for (var i = 0; i < 40; i++)
        {
            var k = 1 + random.Next(3);
            // Mostly low qubits, with high ones in between that the low gates must wait for or may pass.
            var pool = i % 5 == 4 ? Enumerable.Range(0, Qubits) : Enumerable.Range(0, CacheBlocking.ChunkBits(precision));
            var targets = pool.OrderBy(_ => random.Next()).Take(k).ToArray();
            gates.Add(CompiledMatrix.Compile(targets, TestStates.RandomUnitary(k, random), GateStructure.General));
        }
        Assert.Contains(CacheBlocking.Schedule(gates, CacheBlocking.ChunkBits(precision)), run => run.Chunked);
        using var blocked = Create(precision, segmented);
        blocked.Load(amplitudes);
        using var oracle = TestStates.Load(amplitudes, Qubits, Precision.Double);
        blocked.Apply(gates);
        foreach (var gate in gates) oracle.ApplyScalar([.. gate.Targets], [.. gate.Matrix]);
        Assert.True(TestStates.MaxDifference(blocked, oracle) < (precision == Precision.Double ? 1e-12 : 1e-5));
    }

    [Fact]
    public void A_low_gate_never_passes_a_high_gate_on_one_of_its_qubits()
    {
        var u = TestStates.RandomUnitary(1, new Random(1));
        var cx = GateLibrary.Get("cx").Matrix([]);
        var low = CompiledMatrix.Compile([0], u, GateStructure.General);
        var high = CompiledMatrix.Compile([0, 20], cx, GateStructure.Permutation);
        var other = CompiledMatrix.Compile([1], u, GateStructure.General);
        var after = CompiledMatrix.Compile([0], u, GateStructure.General);
        var runs = CacheBlocking.Schedule([low, high, other, after], 15);
        Assert.Equal([low, other], runs[0].Gates);
        Assert.Equal([high], runs[1].Gates);
        Assert.Equal([after], runs[2].Gates);
    }

    [Fact]
    public void High_gates_in_a_row_share_one_tile_of_their_qubits_and_the_lowest_ones()
    {
        var u = TestStates.RandomUnitary(2, new Random(2));
        var gates = new[] { 20, 21, 22 }.Select(q => CompiledMatrix.Compile([q, q + 1], u, GateStructure.General)).ToArray();
        var run = Assert.Single(CacheBlocking.Schedule(gates, 16));
        Assert.Equal(gates, run.Gates);
        Assert.Equal(0b1111L << 20 | (1L << 12) - 1, run.Tile);
    }

    [Fact]
    public void A_tile_scatters_at_most_eleven_qubits()
    {
        var u = TestStates.RandomUnitary(1, new Random(3));
        var gates = Enumerable.Range(16, 12).Select(q => CompiledMatrix.Compile([q], u, GateStructure.General)).ToArray();
        var runs = CacheBlocking.Schedule(gates, 16);
        Assert.Equal([11, 1], runs.Select(r => r.Gates.Count));
        Assert.Equal((1L << 11) - 1 << 16 | (1L << 5) - 1, runs[0].Tile);
        Assert.Equal(0, runs[1].Tile);
    }

    private static StateVector Create(Precision precision, bool segmented)
    {
        if (!segmented) return StateVector.Create(Qubits, precision);
        return new StateVector<double>(Qubits, new StateLayout(SegmentBits: 3, GapAmplitudes: 4));
    }
}
