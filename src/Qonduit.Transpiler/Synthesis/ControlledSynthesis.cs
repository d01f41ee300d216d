using System.Numerics;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Exact (global phase included) multi-controlled 1q unitaries in 1q gates and cx, without ancillas:
/// one control by the A·X·B·X·C construction, more by Barenco et al.'s Lemma 7.5 recursion with V² = U.
/// Exactness matters: these pieces are themselves controlled again when `ctrl @` wraps a decomposed gate.
/// </summary>
internal static class ControlledSynthesis
{
    private const double Tolerance = 1e-12;

    public static void Controlled(Complex[] u, ReadOnlySpan<int> controls, int target, GateSink sink)
    {
        switch (controls.Length)
        {
            case 0:
                Single(u, target, sink);
                return;
            case 1:
                OneControl(u, controls[0], target, sink);
                return;
        }
        if (controls.Length == 2 && IsX(u))
        {
            Toffoli(controls[0], controls[1], target, sink);
            return;
        }
        var last = controls[^1];
        var rest = controls[..^1];
        var v = Unitary2.Sqrt(u);
        OneControl(v, last, target, sink);
        MultiControlledX(rest, last, sink);
        OneControl(Unitary2.Adjoint(v), last, target, sink);
        MultiControlledX(rest, last, sink);
        Controlled(v, rest, target, sink);
    }

    public static void MultiControlledX(ReadOnlySpan<int> controls, int target, GateSink sink)
    {
        switch (controls.Length)
        {
            case 0:
                sink.Gate("x", target);
                return;
            case 1:
                sink.Gate("cx", controls[0], target);
                return;
            default:
                Controlled(Unitary2.X, controls, target, sink);
                return;
        }
    }

    /// <summary>e^{iφ} applied where every control is 1: a phase gate on the last control, controlled by the others.</summary>
    public static void ControlledPhase(double phi, ReadOnlySpan<int> controls, GateSink sink)
    {
        if (Math.Abs(phi) < Tolerance) return;
        if (controls.Length == 0)
        {
            sink.GlobalPhase += phi;
            return;
        }
        if (controls.Length == 1)
        {
            sink.Gate("p", phi, controls[0]);
            return;
        }
        Controlled([1, 0, 0, Complex.FromPolarCoordinates(1, phi)], controls[..^1], controls[^1], sink);
    }

    private static void Single(Complex[] u, int target, GateSink sink)
    {
        var e = EulerAngles.Of(u);
        sink.Gate("u3", [e.Theta, e.Phi, e.Lambda], [target]);
        // U = e^{iα}·Rz(φ)Ry(θ)Rz(λ) = e^{i(α - (φ+λ)/2)}·U3(θ, φ, λ).
        sink.GlobalPhase += e.Alpha - (e.Phi + e.Lambda) / 2;
    }

    /// <summary>U = e^{iα}·A·X·B·X·C with A·B·C = 1 (Nielsen and Chuang, corollary 4.2).</summary>
    private static void OneControl(Complex[] u, int control, int target, GateSink sink)
    {
        if (IsX(u))
        {
            sink.Gate("cx", control, target);
            return;
        }
        var e = EulerAngles.Of(u);
        var (beta, gamma, delta) = (e.Phi, e.Theta, e.Lambda);
        Rz((delta - beta) / 2, target, sink);
        sink.Gate("cx", control, target);
        Rz(-(delta + beta) / 2, target, sink);
        Ry(-gamma / 2, target, sink);
        sink.Gate("cx", control, target);
        Ry(gamma / 2, target, sink);
        Rz(beta, target, sink);
        if (Math.Abs(e.Alpha) > Tolerance) sink.Gate("p", e.Alpha, control);
    }

    private static void Toffoli(int a, int b, int target, GateSink sink)
    {
        sink.Gate("h", target);
        sink.Gate("cx", b, target);
        sink.Gate("tdg", target);
        sink.Gate("cx", a, target);
        sink.Gate("t", target);
        sink.Gate("cx", b, target);
        sink.Gate("tdg", target);
        sink.Gate("cx", a, target);
        sink.Gate("t", b);
        sink.Gate("t", target);
        sink.Gate("h", target);
        sink.Gate("cx", a, b);
        sink.Gate("t", a);
        sink.Gate("tdg", b);
        sink.Gate("cx", a, b);
    }

    private static void Rz(double angle, int qubit, GateSink sink)
    {
        if (Math.Abs(angle) > Tolerance) sink.Gate("rz", angle, qubit);
    }

    private static void Ry(double angle, int qubit, GateSink sink)
    {
        if (Math.Abs(angle) > Tolerance) sink.Gate("ry", angle, qubit);
    }

    private static bool IsX(Complex[] u) =>
        Complex.Abs(u[0]) < Tolerance && Complex.Abs(u[3]) < Tolerance
        && Complex.Abs(u[1] - 1) < Tolerance && Complex.Abs(u[2] - 1) < Tolerance;
}
