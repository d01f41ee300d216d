using System.Numerics;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// Any 1q unitary as rz·sx·rz·sx·rz with at most two sx (fewer when the Euler angle θ allows: none for a diagonal,
/// one for θ = π/2, a single x for θ = π). The global phase left over is computed from the emitted product, so it is exact.
/// </summary>
internal static class OneQubitSynthesis
{
    private const double Tolerance = 1e-10;

    public static void Emit(Complex[] u, int qubit, GateSink sink)
    {
        var e = EulerAngles.Of(u);
        var steps = new List<(string Name, double Angle)>(5);
        if (Near(e.Theta, 0))
            Rz(steps, e.Phi + e.Lambda);
        else if (Near(e.Theta, Math.PI / 2))
        {
            Rz(steps, e.Lambda - Math.PI / 2);
            steps.Add(("sx", 0));
            Rz(steps, e.Phi + Math.PI / 2);
        }
        else if (Near(e.Theta, Math.PI))
        {
            Rz(steps, e.Lambda - e.Phi + Math.PI);
            steps.Add(("x", 0));
        }
        else
        {
            Rz(steps, e.Lambda);
            steps.Add(("sx", 0));
            Rz(steps, e.Theta + Math.PI);
            steps.Add(("sx", 0));
            Rz(steps, e.Phi + Math.PI);
        }

        Complex[] product = [1, 0, 0, 1];
        foreach (var (name, angle) in steps)
        {
            var m = name switch { "rz" => Unitary2.Rz(angle), "sx" => Unitary2.Sx, _ => Unitary2.X };
            product = Unitary2.Mul(m, product);
            if (name == "rz") sink.Gate("rz", angle, qubit);
            else sink.Gate(name, qubit);
        }
        sink.GlobalPhase += Unitary2.PhaseBetween(u, product);
    }

    /// <summary>An rz angle folded into (-π, π]; a multiple of 2π is dropped (its sign goes into the global phase).</summary>
    public static double Normalize(double angle)
    {
        var folded = Math.IEEERemainder(angle, 2 * Math.PI);
        return folded <= -Math.PI ? folded + 2 * Math.PI : folded;
    }

    public static bool IsZeroAngle(double angle) => Math.Abs(Normalize(angle)) < Tolerance;

    private static void Rz(List<(string, double)> steps, double angle)
    {
        var folded = Normalize(angle);
        if (Math.Abs(folded) >= Tolerance) steps.Add(("rz", folded));
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) < Tolerance;
}
