using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using static Qonduit.Circuits.Qasm.ExpressionAlgebra;

namespace Qonduit.Circuits.Qasm;

/// <summary>
/// The global phase by which a standard-include gate, as its include file defines it, differs from the library matrix
/// (Qiskit's): the parser adds it to the circuit's global phase for each uncontrolled application, and the printer
/// expects it back. Under `ctrl @` it becomes a phase gate on the controls instead.
/// OpenQASM 2 (qelib1.inc): rz = u1, so rz(λ) carries +λ/2; rzz carries +θ/2 and rxx −θ/2; sx = sdg·h·sdg carries
/// −π/4, sxdg +π/4 and ch +π/4. OpenQASM 3 (stdgates.inc): u2 and u3 carry gphase(−(φ+λ)/2); rz is the library rz.
/// PhaseConventionTests derives each of these from the include bodies.
/// </summary>
internal static class PhaseConventions
{
    public static ParameterExpression? Implied(QasmDialect dialect, string name, IReadOnlyList<ParameterExpression> p, int controlCount)
    {
        if (controlCount != 0) return null;
        return dialect switch
        {
            QasmDialect.OpenQasm2 => name switch
            {
                "rz" or "rzz" => Half(p[0]),
                "rxx" => Negate(Half(p[0])),
                "sx" => new ParameterExpression.Constant(-Math.PI / 4),
                "sxdg" or "ch" => new ParameterExpression.Constant(Math.PI / 4),
                _ => null,
            },
            _ => name switch
            {
                "u2" => Negate(Half(Combine(BinaryOperator.Add, p[0], p[1]))),
                "u3" => Negate(Half(Combine(BinaryOperator.Add, p[1], p[2]))),
                _ => null,
            },
        };
    }

    private static ParameterExpression Half(ParameterExpression e) => Combine(BinaryOperator.Divide, e, new ParameterExpression.Constant(2));
}
