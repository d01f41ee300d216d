using BenchmarkDotNet.Attributes;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.State;

namespace Qonduit.Benchmarks.Simulation;

/// <summary>
/// One sweep of each kernel over a 2^n state: general one-qubit (on an in-vector and a high qubit), diagonal,
/// permutation. Compare with `qonduit bench sim`, which prints the memory bound.
/// </summary>
public class KernelBenchmarks
{
    private StateVector _state = null!;
    private CompiledMatrix _lowSingle = null!;
    private CompiledMatrix _highSingle = null!;
    private CompiledMatrix _cz = null!;
    private CompiledMatrix _cx = null!;

    [Params(20, 24)]
    public int Qubits { get; set; }

    [Params(Precision.Double, Precision.Single)]
    public Precision Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = StateVector.Create(Qubits, Precision);
        var u = GateLibrary.Get("u").Matrix([0.3, 0.2, 0.1]);
        _lowSingle = CompiledMatrix.Compile([0], u, GateStructure.General);
        _highSingle = CompiledMatrix.Compile([Qubits - 1], u, GateStructure.General);
        _cz = CompiledMatrix.Compile([3, 9], GateLibrary.Get("cz").Matrix([]), GateStructure.Diagonal);
        _cx = CompiledMatrix.Compile([5, 11], GateLibrary.Get("cx").Matrix([]), GateStructure.Permutation);
    }

    [GlobalCleanup]
    public void Cleanup() => _state.Dispose();

    [Benchmark]
    public void SingleQubitLow() => _state.Apply(_lowSingle);

    [Benchmark]
    public void SingleQubitHigh() => _state.Apply(_highSingle);

    [Benchmark]
    public void Diagonal() => _state.Apply(_cz);

    [Benchmark]
    public void Permutation() => _state.Apply(_cx);
}

/// <summary>One sweep of a dense fused block of k qubits (odd qubits 1, 3, …: one target inside a vector for single precision).</summary>
public class DenseBlockBenchmarks
{
    private StateVector _state = null!;
    private CompiledMatrix _dense = null!;

    [Params(20, 24)]
    public int Qubits { get; set; }

    [Params(Precision.Double, Precision.Single)]
    public Precision Precision { get; set; }

    [Params(2, 3, 4, 5)]
    public int BlockQubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = StateVector.Create(Qubits, Precision);
        var targets = Enumerable.Range(0, BlockQubits).Select(i => 2 * i + 1).ToArray();
        var block = KroneckerPower(GateLibrary.Get("u").Matrix([0.3, 0.2, 0.1]), BlockQubits);
        _dense = CompiledMatrix.Compile(targets, block, MatrixStructure.Classify(block));
    }

    [GlobalCleanup]
    public void Cleanup() => _state.Dispose();

    [Benchmark]
    public void DenseBlock() => _state.Apply(_dense);

    private static System.Numerics.Complex[] KroneckerPower(System.Numerics.Complex[] u, int power)
    {
        var result = u;
        for (var i = 1; i < power; i++)
        {
            var d = (int)Math.Round(Math.Sqrt(result.Length));
            var next = new System.Numerics.Complex[d * d * 4];
            for (var r = 0; r < 2 * d; r++)
                for (var c = 0; c < 2 * d; c++)
                    next[r * 2 * d + c] = u[(r / d) * 2 + c / d] * result[(r % d) * d + c % d];
            result = next;
        }
        return result;
    }
}
