using System.Numerics;

namespace Qonduit.Transpiler.Synthesis;

internal enum Pulse : byte { Rz, Sx, X }

/// <summary>One gate of a synthesised sequence; <see cref="Angle"/> is used by rz only.</summary>
internal readonly record struct OneQubitStep(Pulse Gate, double Angle)
{
    public string Name => Gate switch { Pulse.Rz => "rz", Pulse.Sx => "sx", _ => "x" };

    public Matrix2 Matrix => Gate switch { Pulse.Rz => Matrix2.Rz(Angle), Pulse.Sx => Matrix2.Sx, _ => Matrix2.X };
}

/// <summary>
/// Any 1q unitary as rz·sx·rz·sx·rz with at most two sx (fewer when the Euler angle θ allows: none for a diagonal,
/// one for θ = π/2, a single x for θ = π). The global phase left over is computed from the emitted product, so it is exact.
/// </summary>
internal static class OneQubitSynthesis
{
    /// <summary>The longest sequence <see cref="Plan"/> writes.</summary>
    public const int MaxSteps = 5;

    private const double Tolerance = 1e-10;

    public static void Emit(Complex[] u, int qubit, GateSink sink) => Emit(Matrix2.From(u), qubit, sink);

    public static void Emit(in Matrix2 u, int qubit, GateSink sink)
    {
        Span<OneQubitStep> steps = stackalloc OneQubitStep[MaxSteps];
        var count = Plan(u, steps);
        Emit(steps[..count], qubit, sink);
        sink.GlobalPhase += PhaseOf(u, steps[..count]);
    }

    public static void Emit(ReadOnlySpan<OneQubitStep> steps, int qubit, GateSink sink)
    {
        foreach (var step in steps)
        {
            if (step.Gate == Pulse.Rz) sink.Gate("rz", step.Angle, qubit);
            else sink.Gate(step.Name, qubit);
        }
    }

    /// <summary>Writes the sequence for <paramref name="u"/> (first gate first) and returns its length.</summary>
    public static int Plan(in Matrix2 u, Span<OneQubitStep> steps)
    {
        var e = EulerAngles.Of(u);
        var count = 0;
        if (Near(e.Theta, 0))
            Rz(steps, ref count, e.Phi + e.Lambda);
        else if (Near(e.Theta, Math.PI / 2))
        {
            Rz(steps, ref count, e.Lambda - Math.PI / 2);
            steps[count++] = new(Pulse.Sx, 0);
            Rz(steps, ref count, e.Phi + Math.PI / 2);
        }
        else if (Near(e.Theta, Math.PI))
        {
            Rz(steps, ref count, e.Lambda - e.Phi + Math.PI);
            steps[count++] = new(Pulse.X, 0);
        }
        else
        {
            Rz(steps, ref count, e.Lambda);
            steps[count++] = new(Pulse.Sx, 0);
            Rz(steps, ref count, e.Theta + Math.PI);
            steps[count++] = new(Pulse.Sx, 0);
            Rz(steps, ref count, e.Phi + Math.PI);
        }
        return count;
    }

    /// <summary>The phase φ with u = e^{iφ}·(product of <paramref name="steps"/>).</summary>
    public static double PhaseOf(in Matrix2 u, ReadOnlySpan<OneQubitStep> steps)
    {
        var product = Matrix2.Identity;
        foreach (var step in steps) product = step.Matrix.Times(product);
        return u.PhaseRelativeTo(product);
    }

    /// <summary>An rz angle folded into (-π, π]; a multiple of 2π is dropped (its sign goes into the global phase).</summary>
    public static double Normalize(double angle)
    {
        var folded = Math.IEEERemainder(angle, 2 * Math.PI);
        return folded <= -Math.PI ? folded + 2 * Math.PI : folded;
    }

    public static bool IsZeroAngle(double angle) => Math.Abs(Normalize(angle)) < Tolerance;

    private static void Rz(Span<OneQubitStep> steps, ref int count, double angle)
    {
        var folded = Normalize(angle);
        if (Math.Abs(folded) >= Tolerance) steps[count++] = new(Pulse.Rz, folded);
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) < Tolerance;
}
