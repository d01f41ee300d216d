using System.Numerics;
using Qonduit.Circuits.Expressions;
using static Qonduit.Circuits.Gates.GateStructure;

namespace Qonduit.Circuits.Gates;

/// <summary>The gate table: matrices in Qiskit's conventions and each gate's inverse in library gates.</summary>
internal static class StandardGates
{
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly double R = 1 / Math.Sqrt(2);

    public static IEnumerable<GateDefinition> All() => [.. OneQubit(), .. TwoQubit(), .. MultiQubit()];

    private static IEnumerable<GateDefinition> OneQubit() =>
    [
        Gate("id", 1, 0, Diagonal, _ => Diag(1, 1), SelfInverse("id", 1)),
        Gate("u0", 1, 1, Diagonal, _ => Diag(1, 1), SelfInverse("u0", 1)),
        Gate("x", 1, 0, Permutation, _ => [0, 1, 1, 0], SelfInverse("x", 1)),
        Gate("y", 1, 0, General, _ => [0, -I, I, 0], SelfInverse("y", 1)),
        Gate("z", 1, 0, Diagonal, _ => Diag(1, -1), SelfInverse("z", 1)),
        Gate("h", 1, 0, General, _ => [R, R, R, -R], SelfInverse("h", 1)),
        Gate("s", 1, 0, Diagonal, _ => Diag(1, I), Named("sdg", 1)),
        Gate("sdg", 1, 0, Diagonal, _ => Diag(1, -I), Named("s", 1)),
        Gate("t", 1, 0, Diagonal, _ => Diag(1, Phase(Math.PI / 4)), Named("tdg", 1)),
        Gate("tdg", 1, 0, Diagonal, _ => Diag(1, Phase(-Math.PI / 4)), Named("t", 1)),
        Gate("sx", 1, 0, General, _ => Sx(1), Named("sxdg", 1)),
        Gate("sxdg", 1, 0, General, _ => Sx(-1), Named("sx", 1)),
        Gate("rx", 1, 1, General, p => Rx(p[0]), Negated("rx", 1)),
        Gate("ry", 1, 1, General, p => Ry(p[0]), Negated("ry", 1)),
        Gate("rz", 1, 1, Diagonal, p => Diag(Phase(-p[0] / 2), Phase(p[0] / 2)), Negated("rz", 1)),
        Gate("p", 1, 1, Diagonal, p => Diag(1, Phase(p[0])), Negated("p", 1)),
        Gate("u1", 1, 1, Diagonal, p => Diag(1, Phase(p[0])), Negated("u1", 1)),
        Gate("u2", 1, 2, General, p => U3(Math.PI / 2, p[0], p[1]),
            p => [new("u2", [-p[1] - new ParameterExpression.Pi(), -p[0] + new ParameterExpression.Pi()], [0])]),
        Gate("u3", 1, 3, General, p => U3(p[0], p[1], p[2]), p => [new("u3", [-p[0], -p[2], -p[1]], [0])]),
        Gate("u", 1, 3, General, p => U3(p[0], p[1], p[2]), p => [new("u", [-p[0], -p[2], -p[1]], [0])]),
    ];

    private static IEnumerable<GateDefinition> TwoQubit() =>
    [
        Gate("cx", 2, 0, Permutation, _ => MatrixMath.Controlled([0, 1, 1, 0], 1), SelfInverse("cx", 2)),
        Gate("cy", 2, 0, General, _ => MatrixMath.Controlled([0, -I, I, 0], 1), SelfInverse("cy", 2)),
        Gate("cz", 2, 0, Diagonal, _ => Diag(1, 1, 1, -1), SelfInverse("cz", 2)),
        Gate("ch", 2, 0, General, _ => MatrixMath.Controlled([R, R, R, -R], 1), SelfInverse("ch", 2)),
        Gate("csx", 2, 0, General, _ => MatrixMath.Controlled(Sx(1), 1), _ => [new("sxdg", [], [0, 1], 1)]),
        Gate("swap", 2, 0, Permutation, _ => Swap(), SelfInverse("swap", 2)),
        Gate("iswap", 2, 0, General, _ => [1, 0, 0, 0, 0, 0, I, 0, 0, I, 0, 0, 0, 0, 0, 1],
            _ => [new("iswap", [], [0, 1]), new("iswap", [], [0, 1]), new("iswap", [], [0, 1])]),
        Gate("ecr", 2, 0, General, _ => Scale(R, [0, 1, 0, I, 1, 0, -I, 0, 0, I, 0, 1, -I, 0, 1, 0]), SelfInverse("ecr", 2)),
        Gate("crx", 2, 1, General, p => MatrixMath.Controlled(Rx(p[0]), 1), Negated("crx", 2)),
        Gate("cry", 2, 1, General, p => MatrixMath.Controlled(Ry(p[0]), 1), Negated("cry", 2)),
        Gate("crz", 2, 1, Diagonal, p => Diag(1, Phase(-p[0] / 2), 1, Phase(p[0] / 2)), Negated("crz", 2)),
        Gate("cp", 2, 1, Diagonal, p => Diag(1, 1, 1, Phase(p[0])), Negated("cp", 2)),
        Gate("cu1", 2, 1, Diagonal, p => Diag(1, 1, 1, Phase(p[0])), Negated("cu1", 2)),
        Gate("cu3", 2, 3, General, p => MatrixMath.Controlled(U3(p[0], p[1], p[2]), 1), p => [new("cu3", [-p[0], -p[2], -p[1]], [0, 1])]),
        Gate("cu", 2, 4, General, p => MatrixMath.Controlled(Scale(Phase(p[3]), U3(p[0], p[1], p[2])), 1),
            p => [new("cu", [-p[0], -p[2], -p[1], -p[3]], [0, 1])]),
        Gate("rxx", 2, 1, General, p => PauliRotation(p[0], [0, 1, 1, 0]), Negated("rxx", 2)),
        Gate("ryy", 2, 1, General, p => PauliRotation(p[0], [0, -I, I, 0]), Negated("ryy", 2)),
        Gate("rzz", 2, 1, Diagonal, p => Diag(Phase(-p[0] / 2), Phase(p[0] / 2), Phase(p[0] / 2), Phase(-p[0] / 2)), Negated("rzz", 2)),
        Gate("rzx", 2, 1, General, p => RzxMatrix(p[0]), Negated("rzx", 2)),
    ];

    private static IEnumerable<GateDefinition> MultiQubit() =>
    [
        Gate("ccx", 3, 0, Permutation, _ => MatrixMath.Controlled([0, 1, 1, 0], 2), SelfInverse("ccx", 3)),
        Gate("cswap", 3, 0, Permutation, _ => MatrixMath.Controlled(Swap(), 1), SelfInverse("cswap", 3)),
        Gate("c3x", 4, 0, Permutation, _ => MatrixMath.Controlled([0, 1, 1, 0], 3), SelfInverse("c3x", 4)),
        Gate("c4x", 5, 0, Permutation, _ => MatrixMath.Controlled([0, 1, 1, 0], 4), SelfInverse("c4x", 5)),
        Gate("c3sqrtx", 4, 0, General, _ => MatrixMath.Controlled(Sx(1), 3), _ => [new("sxdg", [], [0, 1, 2, 3], 3)]),
        Gate("rccx", 3, 0, General, _ => GateLibrary.Product(3, RelativePhaseToffoli.Rccx), _ => GateLibrary.InverseOf(RelativePhaseToffoli.Rccx)),
        Gate("rc3x", 4, 0, General, _ => GateLibrary.Product(4, RelativePhaseToffoli.Rc3x), _ => GateLibrary.InverseOf(RelativePhaseToffoli.Rc3x)),
    ];

    private static GateDefinition Gate(string name, int qubits, int parameters, GateStructure structure, MatrixFactory matrix, InverseFactory inverse) =>
        new(name, qubits, parameters, structure, matrix, inverse);

    private static int[] Arguments(int qubits) => [.. Enumerable.Range(0, qubits)];

    private static InverseFactory SelfInverse(string name, int qubits) => p => [new(name, [.. p], Arguments(qubits))];

    private static InverseFactory Named(string inverse, int qubits) => p => [new(inverse, [.. p], Arguments(qubits))];

    private static InverseFactory Negated(string name, int qubits) => p => [new(name, [.. p.Select(x => -x)], Arguments(qubits))];

    private static Complex Phase(double angle) => Complex.FromPolarCoordinates(1, angle);

    private static Complex[] Diag(params Complex[] diagonal)
    {
        var d = diagonal.Length;
        var m = new Complex[d * d];
        for (var i = 0; i < d; i++) m[i * d + i] = diagonal[i];
        return m;
    }

    private static Complex[] Scale(Complex factor, Complex[] m) => [.. m.Select(v => v * factor)];

    private static Complex[] Sx(int sign) => sign > 0
        ? [new(0.5, 0.5), new(0.5, -0.5), new(0.5, -0.5), new(0.5, 0.5)]
        : [new(0.5, -0.5), new(0.5, 0.5), new(0.5, 0.5), new(0.5, -0.5)];

    private static Complex[] Rx(double theta) => [Math.Cos(theta / 2), -I * Math.Sin(theta / 2), -I * Math.Sin(theta / 2), Math.Cos(theta / 2)];

    private static Complex[] Ry(double theta) => [Math.Cos(theta / 2), -Math.Sin(theta / 2), Math.Sin(theta / 2), Math.Cos(theta / 2)];

    private static Complex[] U3(double theta, double phi, double lambda)
    {
        var (c, s) = (Math.Cos(theta / 2), Math.Sin(theta / 2));
        return [c, -Phase(lambda) * s, Phase(phi) * s, Phase(phi + lambda) * c];
    }

    private static Complex[] Swap() => [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1];

    /// <summary>exp(-iθ/2 · P⊗P) for a 1q Pauli P given as a 2×2 matrix.</summary>
    private static Complex[] PauliRotation(double theta, Complex[] pauli)
    {
        var pp = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) pp[r * 4 + c] = pauli[(r & 1) * 2 + (c & 1)] * pauli[(r >> 1) * 2 + (c >> 1)];
        var m = MatrixMath.Identity(4);
        for (var i = 0; i < 16; i++) m[i] = m[i] * Math.Cos(theta / 2) - I * Math.Sin(theta / 2) * pp[i];
        return m;
    }

    /// <summary>exp(-iθ/2 · Z⊗X) with Z on argument 0 and X on argument 1 (Qiskit's RZXGate).</summary>
    private static Complex[] RzxMatrix(double theta)
    {
        var (c, s) = (Math.Cos(theta / 2), Math.Sin(theta / 2));
        return [c, 0, -I * s, 0, 0, c, 0, I * s, -I * s, 0, c, 0, 0, I * s, 0, c];
    }
}
