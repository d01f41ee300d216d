using System.Numerics;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// A 2×2 matrix by value (row-major A B / C D): merging a run of single-qubit gates multiplies thousands of these per
/// circuit, and on the heap each product was garbage the collector had to walk past the circuit's live instructions.
/// </summary>
internal readonly record struct Matrix2(Complex A, Complex B, Complex C, Complex D)
{
    public static Matrix2 Identity { get; } = new(1, 0, 0, 1);

    public static Matrix2 Sx { get; } = new(new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5));

    public static Matrix2 X { get; } = new(0, 1, 1, 0);

    public static Matrix2 Rz(double angle) =>
        new(Complex.FromPolarCoordinates(1, -angle / 2), 0, 0, Complex.FromPolarCoordinates(1, angle / 2));

    public static Matrix2 From(ReadOnlySpan<Complex> m) => new(m[0], m[1], m[2], m[3]);

    /// <summary>The matrix of a constant single-qubit gate; the native gates without a library lookup.</summary>
    public static Matrix2 Of(Instruction.Gate gate) => gate.Name switch
    {
        "rz" => Rz(gate.Parameters[0].Evaluate()),
        "sx" => Sx,
        "x" => X,
        "id" or "u0" => Identity,
        _ => From(Circuits.Gates.GateLibrary.Matrix(gate)),
    };

    /// <summary>this·other: <paramref name="other"/> acts first.</summary>
    public Matrix2 Times(in Matrix2 other) => new(
        A * other.A + B * other.C, A * other.B + B * other.D,
        C * other.A + D * other.C, C * other.B + D * other.D);

    /// <summary>The phase φ with this = e^{iφ}·<paramref name="other"/>, assuming the two agree up to a phase.</summary>
    public double PhaseRelativeTo(in Matrix2 other) =>
        (Complex.Conjugate(other.A) * A + Complex.Conjugate(other.B) * B + Complex.Conjugate(other.C) * C + Complex.Conjugate(other.D) * D).Phase;

    public Complex[] ToArray() => [A, B, C, D];
}
