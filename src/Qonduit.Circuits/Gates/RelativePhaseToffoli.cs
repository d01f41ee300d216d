using Qonduit.Circuits.Expressions;

namespace Qonduit.Circuits.Gates;

/// <summary>
/// qelib1.inc's relative-phase Toffolis are defined by their gate bodies; their matrices and inverses are
/// computed from these sequences so that they agree with the include file exactly.
/// </summary>
internal static class RelativePhaseToffoli
{
    private static readonly ParameterExpression Pi = new ParameterExpression.Pi();
    private static readonly ParameterExpression Quarter = Pi / 4.0;

    public static readonly GateApplication[] Rccx =
    [
        U2(2), U1(Quarter, 2), Cx(1, 2), U1(-Quarter, 2), Cx(0, 2), U1(Quarter, 2), Cx(1, 2), U1(-Quarter, 2), U2(2),
    ];

    public static readonly GateApplication[] Rc3x =
    [
        U2(3), U1(Quarter, 3), Cx(2, 3), U1(-Quarter, 3), U2(3),
        Cx(0, 3), U1(Quarter, 3), Cx(1, 3), U1(-Quarter, 3), Cx(0, 3), U1(Quarter, 3), Cx(1, 3), U1(-Quarter, 3),
        U2(3), U1(Quarter, 3), Cx(2, 3), U1(-Quarter, 3), U2(3),
    ];

    private static GateApplication U2(int qubit) => new("u2", [0.0, Pi], [qubit]);

    private static GateApplication U1(ParameterExpression angle, int qubit) => new("u1", [angle], [qubit]);

    private static GateApplication Cx(int control, int target) => new("cx", [], [control, target]);
}
