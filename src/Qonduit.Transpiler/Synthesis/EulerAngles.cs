using System.Numerics;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// U = e^{iα}·Rz(φ)·Ry(θ)·Rz(λ) (ZYZ), θ ∈ [0, π]. These are also U3's angles: U3(θ, φ, λ) = e^{i(φ+λ)/2}·Rz(φ)Ry(θ)Rz(λ).
/// </summary>
internal readonly record struct EulerAngles(double Theta, double Phi, double Lambda, double Alpha)
{
    private const double Tolerance = 1e-12;

    public static EulerAngles Of(Complex[] u) => Of(Matrix2.From(u));

    public static EulerAngles Of(in Matrix2 u)
    {
        var det = u.A * u.D - u.B * u.C;
        var alpha = det.Phase / 2;
        var unphase = Complex.FromPolarCoordinates(1, -alpha);
        var (v00, v10, v11) = (u.A * unphase, u.C * unphase, u.D * unphase);
        var theta = 2 * Math.Atan2(v10.Magnitude, v00.Magnitude);
        // V11 = e^{i(φ+λ)/2} cos(θ/2), V10 = e^{i(φ-λ)/2} sin(θ/2); a vanishing factor leaves its sum free.
        var sum = v11.Magnitude > Tolerance ? 2 * v11.Phase : 0;
        var difference = v10.Magnitude > Tolerance ? 2 * v10.Phase : 0;
        return new EulerAngles(theta, (sum + difference) / 2, (sum - difference) / 2, alpha);
    }

    public Complex[] Matrix() =>
        Unitary2.Scale(Unitary2.Mul(Unitary2.Rz(Phi), Unitary2.Mul(Unitary2.Ry(Theta), Unitary2.Rz(Lambda))), Complex.FromPolarCoordinates(1, Alpha));
}
