using System.Numerics;

namespace Qonduit.Circuits.Gates;

/// <summary>Small dense-matrix helpers over row-major little-endian gate matrices.</summary>
public static class MatrixMath
{
    public static int Dimension(ReadOnlySpan<Complex> matrix) => (int)Math.Round(Math.Sqrt(matrix.Length));

    public static Complex[] Identity(int dimension)
    {
        var m = new Complex[dimension * dimension];
        for (var i = 0; i < dimension; i++) m[i * dimension + i] = Complex.One;
        return m;
    }

    public static Complex[] Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        var d = Dimension(a);
        var c = new Complex[d * d];
        for (var i = 0; i < d; i++)
            for (var k = 0; k < d; k++)
            {
                var aik = a[i * d + k];
                if (aik == Complex.Zero) continue;
                for (var j = 0; j < d; j++) c[i * d + j] += aik * b[k * d + j];
            }
        return c;
    }

    public static Complex[] Adjoint(ReadOnlySpan<Complex> a)
    {
        var d = Dimension(a);
        var c = new Complex[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++) c[j * d + i] = Complex.Conjugate(a[i * d + j]);
        return c;
    }

    /// <summary>
    /// `ctrl(controls) @ U`: the controls are the low arguments (bits 0..controls-1), U acts on the rest;
    /// U applies only where every control bit is 1.
    /// </summary>
    public static Complex[] Controlled(ReadOnlySpan<Complex> u, int controls)
    {
        var du = Dimension(u);
        var d = du << controls;
        var m = Identity(d);
        var all = (1 << controls) - 1;
        for (var r = 0; r < du; r++)
            for (var c = 0; c < du; c++)
                m[((r << controls) | all) * d + ((c << controls) | all)] = u[r * du + c];
        return m;
    }

    /// <summary>Lifts a k-qubit matrix acting on <paramref name="qubits"/> (indices into n arguments) to an n-qubit matrix.</summary>
    public static Complex[] Embed(ReadOnlySpan<Complex> gate, ReadOnlySpan<int> qubits, int n)
    {
        var dg = Dimension(gate);
        var d = 1 << n;
        var m = new Complex[d * d];
        var mask = 0;
        foreach (var q in qubits) mask |= 1 << q;
        for (var row = 0; row < d; row++)
            for (var col = 0; col < d; col++)
            {
                if ((row & ~mask) != (col & ~mask)) continue;
                m[row * d + col] = gate[Local(row, qubits) * dg + Local(col, qubits)];
            }
        return m;
    }

    public static bool IsUnitary(ReadOnlySpan<Complex> a, double tolerance = 1e-12) =>
        ApproximatelyEqual(Multiply(a, Adjoint(a)), Identity(Dimension(a)), tolerance);

    public static bool ApproximatelyEqual(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, double tolerance = 1e-12)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (Complex.Abs(a[i] - b[i]) > tolerance) return false;
        return true;
    }

    private static int Local(int index, ReadOnlySpan<int> qubits)
    {
        var local = 0;
        for (var j = 0; j < qubits.Length; j++) local |= ((index >> qubits[j]) & 1) << j;
        return local;
    }
}
