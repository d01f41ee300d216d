using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Tests.Synthesis;

public sealed class TwoQubitSynthesisTests
{
    [Theory]
    [InlineData("id", 0)]
    [InlineData("cz", 1)]
    [InlineData("cx", 1)]
    [InlineData("ecr", 1)]
    [InlineData("iswap", 2)]
    [InlineData("swap", 3)]
    public void Known_gates_take_the_fewest_cx_their_class_needs(string name, int expected)
    {
        var gate = name == "id" ? MatrixMath.Identity(4) : GateLibrary.Get(name).Matrix([]);
        var random = new Random(7);

        foreach (var dressed in new[] { gate, Dress(gate, random), Dress(gate, random) })
        {
            var circuit = TwoQubitSynthesis.Synthesize(dressed);

            Assert.NotNull(circuit);
            Assert.Equal(expected, circuit.CxCount);
            Assert.Equal(expected, circuit.Steps.Count(s => s.IsCx));
            AssertExact(dressed, circuit);
        }
    }

    [Theory]
    [InlineData("rzz", 2)]
    [InlineData("rxx", 2)]
    [InlineData("cp", 2)]
    [InlineData("crx", 2)]
    public void Controlled_rotations_and_ising_couplings_take_two(string name, int expected)
    {
        var circuit = TwoQubitSynthesis.Synthesize(GateLibrary.Get(name).Matrix([0.37]));

        Assert.NotNull(circuit);
        Assert.Equal(expected, circuit.CxCount);
    }

    [Fact]
    public void Random_unitaries_are_synthesised_with_three_cx_to_1e_12_up_to_global_phase()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var u = RandomUnitary(random);
            var circuit = TwoQubitSynthesis.Synthesize(u);

            Assert.NotNull(circuit);
            Assert.Equal(3, circuit.CxCount);
            AssertExact(u, circuit);
        }
    }

    [Fact]
    public void A_limit_below_what_the_class_needs_gives_no_circuit()
    {
        Assert.Null(TwoQubitSynthesis.Synthesize(GateLibrary.Get("swap").Matrix([]), maxCx: 2));
    }

    private static void AssertExact(Complex[] target, TwoQubitCircuit circuit)
    {
        var product = TwoQubitSynthesis.Product(circuit.Steps);
        var phase = Complex.FromPolarCoordinates(1, circuit.Phase);
        Assert.True(OperatorNormBound(target, product, phase) <= 1e-12, $"error {OperatorNormBound(target, product, phase)}");
    }

    /// <summary>The Frobenius norm of the difference: an upper bound on its operator norm.</summary>
    private static double OperatorNormBound(Complex[] target, Complex[] product, Complex phase) =>
        Math.Sqrt(target.Zip(product, (t, p) => (t - phase * p).Magnitude).Sum(x => x * x));

    /// <summary>Random single-qubit gates before and after, which leave the class alone.</summary>
    private static Complex[] Dress(Complex[] gate, Random random)
    {
        var before = LocalEquivalence.Kron(RandomOneQubit(random), RandomOneQubit(random));
        var after = LocalEquivalence.Kron(RandomOneQubit(random), RandomOneQubit(random));
        return MatrixMath.Multiply(after, MatrixMath.Multiply(gate, before));
    }

    private static Complex[] RandomOneQubit(Random random) =>
        GateLibrary.Get("u3").Matrix([random.NextDouble() * Math.PI, random.NextDouble() * 6.28, random.NextDouble() * 6.28]);

    /// <summary>Gram–Schmidt on a complex Gaussian matrix: Haar-distributed.</summary>
    private static Complex[] RandomUnitary(Random random)
    {
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var columns = new Complex[4][];
        for (var c = 0; c < 4; c++)
        {
            var v = Enumerable.Range(0, 4).Select(_ => new Complex(Gaussian(), Gaussian())).ToArray();
            for (var k = 0; k < c; k++)
            {
                var dot = Complex.Zero;
                for (var i = 0; i < 4; i++) dot += Complex.Conjugate(columns[k][i]) * v[i];
                for (var i = 0; i < 4; i++) v[i] -= dot * columns[k][i];
            }
            var norm = Math.Sqrt(v.Sum(x => x.Magnitude * x.Magnitude));
            columns[c] = [.. v.Select(x => x / norm)];
        }
        var u = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) u[r * 4 + c] = columns[c][r];
        return u;
    }
}
