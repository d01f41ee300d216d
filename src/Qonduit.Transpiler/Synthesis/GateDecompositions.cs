using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Definitions, in other library gates, of the library gates that are not a controlled 1q unitary (those are found
/// from their matrix instead). Each is right up to a global phase; <see cref="Unroller"/> computes that phase from the
/// matrices, so these sequences can stay the textbook ones (Qiskit's definitions, qelib1.inc's bodies).
/// </summary>
internal static class GateDecompositions
{
    private static readonly ParameterExpression Pi = new ParameterExpression.Pi();

    public static bool TryGet(string name, double[] p, out GateApplication[] steps)
    {
        steps = name switch
        {
            "swap" => [Cx(0, 1), Cx(1, 0), Cx(0, 1)],
            "iswap" => [G("s", 0), G("s", 1), G("h", 0), Cx(0, 1), Cx(1, 0), G("h", 1)],
            "ecr" => [G("rzx", Math.PI / 4, 0, 1), G("x", 0), G("rzx", -Math.PI / 4, 0, 1)],
            "rzz" => [Cx(0, 1), G("rz", p[0], 1), Cx(0, 1)],
            "rxx" => [G("h", 0), G("h", 1), Cx(0, 1), G("rz", p[0], 1), Cx(0, 1), G("h", 0), G("h", 1)],
            "ryy" => [G("rx", Math.PI / 2, 0), G("rx", Math.PI / 2, 1), Cx(0, 1), G("rz", p[0], 1), Cx(0, 1), G("rx", -Math.PI / 2, 0), G("rx", -Math.PI / 2, 1)],
            "rzx" => [G("h", 1), Cx(0, 1), G("rz", p[0], 1), Cx(0, 1), G("h", 1)],
            "cswap" => [Cx(2, 1), new("ccx", [], [0, 1, 2]), Cx(2, 1)],
            "rccx" => Rccx,
            "rc3x" => Rc3x,
            _ => [],
        };
        return steps.Length > 0;
    }

    private static readonly GateApplication[] Rccx =
    [
        H(2), U1(Math.PI / 4, 2), Cx(1, 2), U1(-Math.PI / 4, 2), Cx(0, 2), U1(Math.PI / 4, 2), Cx(1, 2), U1(-Math.PI / 4, 2), H(2),
    ];

    private static readonly GateApplication[] Rc3x =
    [
        H(3), U1(Math.PI / 4, 3), Cx(2, 3), U1(-Math.PI / 4, 3), H(3),
        Cx(0, 3), U1(Math.PI / 4, 3), Cx(1, 3), U1(-Math.PI / 4, 3), Cx(0, 3), U1(Math.PI / 4, 3), Cx(1, 3), U1(-Math.PI / 4, 3),
        H(3), U1(Math.PI / 4, 3), Cx(2, 3), U1(-Math.PI / 4, 3), H(3),
    ];

    /// <summary>qelib1's `u2(0, pi)`, which is exactly h.</summary>
    private static GateApplication H(int qubit) => new("u2", [0.0, Pi], [qubit]);

    private static GateApplication U1(double angle, int qubit) => new("u1", [angle], [qubit]);

    private static GateApplication Cx(int control, int target) => new("cx", [], [control, target]);

    private static GateApplication G(string name, params int[] qubits) => new(name, [], qubits);

    private static GateApplication G(string name, double angle, params int[] qubits) => new(name, [angle], qubits);
}
