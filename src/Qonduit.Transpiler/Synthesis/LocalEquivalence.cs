using System.Collections.Concurrent;
using System.Numerics;
using Qonduit.Circuits.Gates;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// target = e^{iφ}·(C ⊗ D)·native·(A ⊗ B) with A, C on argument 0 and B, D on argument 1 (A, B act first).
/// </summary>
internal sealed record LocalEquivalence(Complex[] A, Complex[] B, Complex[] C, Complex[] D, double Phase)
{
    private const double Tolerance = 1e-9;
    private static readonly Complex[][] Cliffords = CliffordGroup();
    private static readonly ConcurrentDictionary<(string, string, bool), LocalEquivalence?> Cache = new();

    /// <summary>cx(0, 1) from <paramref name="native"/>(0, 1).</summary>
    public static LocalEquivalence? CxFrom(string native) => Cache.GetOrAdd((native, "cx", false), key =>
        Find(GateLibrary.Get("cx").Matrix([]), GateLibrary.Get(key.Item1).Matrix([])));

    /// <summary>cx(0, 1) from <paramref name="native"/>(1, 0): a cx against a one-way coupler's direction.</summary>
    public static LocalEquivalence? CxFromReversed(string native) => Cache.GetOrAdd((native, "cx", true), key =>
        Find(GateLibrary.Get("cx").Matrix([]), SwapArguments(GateLibrary.Get(key.Item1).Matrix([]))));

    /// <summary><paramref name="native"/>(0, 1) from <paramref name="native"/>(1, 0): direction reversal.</summary>
    public static LocalEquivalence? Reversed(string native) => Cache.GetOrAdd((native, native, true), key =>
    {
        var m = GateLibrary.Get(key.Item1).Matrix([]);
        return Find(m, SwapArguments(m));
    });

    /// <summary>Searches A, B over the 24 single-qubit Cliffords; C ⊗ D then follows if it factorises.</summary>
    public static LocalEquivalence? Find(Complex[] target, Complex[] native)
    {
        foreach (var a in Cliffords)
            foreach (var b in Cliffords)
            {
                var pre = Kron(b, a);
                var rest = MatrixMath.Multiply(target, MatrixMath.Adjoint(MatrixMath.Multiply(native, pre)));
                if (TryFactor(rest, out var c, out var d, out var phase)) return new LocalEquivalence(a, b, c, d, phase);
            }
        return null;
    }

    /// <summary>The same gate with its two arguments exchanged.</summary>
    public static Complex[] SwapArguments(Complex[] m)
    {
        static int Flip(int i) => ((i & 1) << 1) | (i >> 1);
        var result = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) result[Flip(r) * 4 + Flip(c)] = m[r * 4 + c];
        return result;
    }

    /// <summary>Little-endian 4×4 matrix of `low` on argument 0 and `high` on argument 1.</summary>
    public static Complex[] Kron(Complex[] high, Complex[] low)
    {
        var m = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) m[r * 4 + c] = high[(r >> 1) * 2 + (c >> 1)] * low[(r & 1) * 2 + (c & 1)];
        return m;
    }

    /// <summary>Writes m = e^{iφ}·(D on argument 1) ⊗ (C on argument 0) with C, D in SU(2), when m is such a product.</summary>
    public static bool TryFactor(Complex[] m, out Complex[] c, out Complex[] d, out double phase)
    {
        var pivot = 0;
        for (var i = 1; i < 16; i++) if (m[i].Magnitude > m[pivot].Magnitude) pivot = i;
        var (r, col) = (pivot / 4, pivot % 4);
        var (r1, r0, c1, c0) = (r >> 1, r & 1, col >> 1, col & 1);
        c = new Complex[4];
        d = new Complex[4];
        for (var x = 0; x < 2; x++)
            for (var y = 0; y < 2; y++)
            {
                c[x * 2 + y] = m[((r1 << 1) | x) * 4 + ((c1 << 1) | y)];
                d[x * 2 + y] = m[((x << 1) | r0) * 4 + ((y << 1) | c0)] / m[pivot];
            }
        var product = Kron(d, c);
        phase = 0;
        if (!MatrixMath.ApproximatelyEqual(product, m, Tolerance)) return false;
        var sc = Complex.Sqrt(c[0] * c[3] - c[1] * c[2]);
        var sd = Complex.Sqrt(d[0] * d[3] - d[1] * d[2]);
        c = Unitary2.Scale(c, 1 / sc);
        d = Unitary2.Scale(d, 1 / sd);
        phase = (sc * sd).Phase;
        return true;
    }

    private static Complex[][] CliffordGroup()
    {
        var h = GateLibrary.Get("h").Matrix([]);
        var s = GateLibrary.Get("s").Matrix([]);
        var group = new List<Complex[]> { new Complex[] { 1, 0, 0, 1 } };
        for (var i = 0; i < group.Count; i++)
            foreach (var generator in new[] { h, s })
            {
                var next = Unitary2.Mul(generator, group[i]);
                if (!group.Any(g => SameUpToPhase(g, next))) group.Add(next);
            }
        return [.. group];
    }

    private static bool SameUpToPhase(Complex[] a, Complex[] b)
    {
        var phase = Complex.FromPolarCoordinates(1, Unitary2.PhaseBetween(a, b));
        return MatrixMath.ApproximatelyEqual(a, Unitary2.Scale(b, phase), Tolerance);
    }
}
