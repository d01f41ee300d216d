using System.Numerics;
using Qonduit.Circuits.Gates;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>One step of a two-qubit circuit on arguments 0 and 1: a 1q unitary on <see cref="Qubit"/>, or cx(Qubit, other).</summary>
internal readonly record struct TwoQubitStep(bool IsCx, int Qubit, Matrix2 Unitary);

/// <summary>A two-qubit unitary as cx gates (each one native gate once translated) and 1q unitaries, with the phase left over.</summary>
internal sealed record TwoQubitCircuit(int CxCount, TwoQubitStep[] Steps, double Phase);

/// <summary>
/// Exact synthesis of any 4×4 unitary with the fewest cx it needs (0, 1, 2 or 3), read from the spectrum of its
/// magic-basis invariant (Shende, Markov and Bullock's criteria: ±1 everywhere for a local gate, ±i twice each for a
/// cx, a real trace for two). A template with that many cx and the same Weyl coordinates is built, the locals joining it
/// to the target are solved for (<see cref="LocalSolver"/>), and the product is checked: a circuit is returned only
/// when it equals the target to <see cref="Exactness"/> (Frobenius norm, so also operator norm) up to global phase.
/// </summary>
internal static class TwoQubitSynthesis
{
    public const double Exactness = 1e-12;

    private const double ClassTolerance = 1e-9;

    private static readonly Complex[] CxMatrix = GateLibrary.Get("cx").Matrix([]);

    /// <summary>The circuit with the fewest cx, at most <paramref name="maxCx"/>; null when none that short is exact.</summary>
    public static TwoQubitCircuit? Synthesize(Complex[] target, int maxCx = 3)
    {
        var fewest = MinimumCx(target);
        if (fewest > maxCx) return null;
        var spectrum = LocalSolver.Of(target);
        for (var count = fewest; count <= Math.Min(maxCx, 3); count++)
        {
            var template = Template(count, spectrum.Values);
            if (template is null) continue;
            var joined = LocalSolver.Join(spectrum, LocalSolver.Of(Product(template)));
            if (joined is not { } locals) continue;
            if (!TryFactor(locals.K2, out var before0, out var before1) || !TryFactor(locals.K1, out var after0, out var after1)) continue;
            TwoQubitStep[] steps =
            [
                new(false, 0, before0), new(false, 1, before1),
                .. template,
                new(false, 0, after0), new(false, 1, after1),
            ];
            var product = Product(steps);
            var phase = Unitary2.PhaseBetween(target, product);
            if (Distance(target, LocalSolver.Scale(product, Complex.FromPolarCoordinates(1, phase))) <= Exactness)
                return new TwoQubitCircuit(count, steps, phase);
        }
        return null;
    }

    /// <summary>
    /// The fewest cx the class allows, from γ = U·(Y⊗Y)·Uᵀ·(Y⊗Y) with U scaled into SU(4) (a lower bound: the exact
    /// check may need one more). γ has the spectrum of the magic-basis invariant, and needs no eigenvectors: most
    /// blocks cannot be shortened, and this tells so cheaply.
    /// </summary>
    public static int MinimumCx(Complex[] u)
    {
        var special = LocalSolver.Scale(u, Complex.FromPolarCoordinates(1, -LocalSolver.Determinant(u).Phase / 4));
        var transposed = new Complex[16];
        for (var r = 0; r < 4; r++)
            for (var c = 0; c < 4; c++) transposed[c * 4 + r] = special[r * 4 + c];
        var gamma = MatrixMath.Multiply(MatrixMath.Multiply(special, YY), MatrixMath.Multiply(transposed, YY));
        var trace = gamma[0] + gamma[5] + gamma[10] + gamma[15];
        var squared = MatrixMath.Multiply(gamma, gamma);
        var traceSquared = squared[0] + squared[5] + squared[10] + squared[15];
        if (Math.Abs(Math.Abs(trace.Real) - 4) < ClassTolerance && Math.Abs(trace.Imaginary) < ClassTolerance) return 0;
        if (trace.Magnitude < ClassTolerance && (traceSquared + 4).Magnitude < ClassTolerance) return 1;
        if (Math.Abs(trace.Imaginary) < ClassTolerance) return 2;
        return 3;
    }

    private static readonly Complex[] YY = LocalEquivalence.Kron(GateLibrary.Get("y").Matrix([]), GateLibrary.Get("y").Matrix([]));

    /// <summary>
    /// A circuit of <paramref name="count"/> cx with the Weyl coordinates the spectrum e^{2iθ} names: for two, exp(i(a·XX
    /// + c·ZZ)) = cx·(rx(-2a) ⊗ rz(-2c))·cx from the conjugate pairs e^{±2iα}, e^{±2iβ} (a = (α+β)/2, c = (α-β)/2);
    /// for three, exp(i(a·XX + b·YY + c·ZZ)) with a = (θ0+θ2)/2, b = (θ1+θ2)/2, c = (θ0+θ1)/2 (Vatan and Williams).
    /// </summary>
    private static TwoQubitStep[]? Template(int count, Complex[] values)
    {
        switch (count)
        {
            case 0: return [];
            case 1: return [Cx(0)];
            case 2:
                if (ConjugatePairs(values) is not { } pairs) return null;
                var (alpha, beta) = (pairs.First.Phase / 2, pairs.Second.Phase / 2);
                var (a2, c2) = ((alpha + beta) / 2, (alpha - beta) / 2);
                return [Cx(0), new(false, 0, Rx(-2 * a2)), new(false, 1, Matrix2.Rz(-2 * c2)), Cx(0)];
            default:
                var theta = values.Select(v => v.Phase / 2).ToArray();
                var (a, b, c) = ((theta[0] + theta[2]) / 2, (theta[1] + theta[2]) / 2, (theta[0] + theta[1]) / 2);
                return
                [
                    Cx(1), new(false, 0, Matrix2.Rz(Math.PI / 2 - 2 * c)), new(false, 1, Ry(2 * a - Math.PI / 2)),
                    Cx(0), new(false, 1, Ry(Math.PI / 2 - 2 * b)), Cx(1),
                ];
        }
    }

    /// <summary>The spectrum split into two pairs z, z̄ (one eigenvalue of each returned), when it is closed under conjugation.</summary>
    private static (Complex First, Complex Second)? ConjugatePairs(Complex[] values)
    {
        (int, int, int, int)[] splits = [(0, 1, 2, 3), (0, 2, 1, 3), (0, 3, 1, 2)];
        (Complex, Complex)? best = null;
        var bestError = double.MaxValue;
        foreach (var (i, j, k, l) in splits)
        {
            var error = Math.Max((values[i] * values[j] - 1).Magnitude, (values[k] * values[l] - 1).Magnitude);
            if (error < bestError) (best, bestError) = ((values[i], values[k]), error);
        }
        return bestError < 1e-6 ? best : null;
    }

    private static TwoQubitStep Cx(int control) => new(true, control, default);

    private static Matrix2 Rx(double angle) =>
        new(Math.Cos(angle / 2), new Complex(0, -Math.Sin(angle / 2)), new Complex(0, -Math.Sin(angle / 2)), Math.Cos(angle / 2));

    private static Matrix2 Ry(double angle) => new(Math.Cos(angle / 2), -Math.Sin(angle / 2), Math.Sin(angle / 2), Math.Cos(angle / 2));

    /// <summary>The 4×4 matrix of the steps (first step acts first).</summary>
    public static Complex[] Product(IEnumerable<TwoQubitStep> steps)
    {
        var u = MatrixMath.Identity(4);
        foreach (var step in steps) u = MatrixMath.Multiply(Matrix(step), u);
        return u;
    }

    public static Complex[] Matrix(TwoQubitStep step)
    {
        if (step.IsCx) return step.Qubit == 0 ? CxMatrix : LocalEquivalence.SwapArguments(CxMatrix);
        var m = step.Unitary.ToArray();
        return step.Qubit == 0 ? LocalEquivalence.Kron([1, 0, 0, 1], m) : LocalEquivalence.Kron(m, [1, 0, 0, 1]);
    }

    /// <summary>A local 4×4 gate as the 1q unitaries on arguments 0 and 1 (its phase is recovered by the caller).</summary>
    private static bool TryFactor(Complex[] local, out Matrix2 on0, out Matrix2 on1)
    {
        on0 = on1 = default;
        if (!LocalEquivalence.TryFactor(local, out var c, out var d, out var phase)) return false;
        on0 = Matrix2.From(Unitary2.Scale(c, Complex.FromPolarCoordinates(1, phase)));
        on1 = Matrix2.From(d);
        return true;
    }

    private static double Distance(Complex[] a, Complex[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d.Real * d.Real + d.Imaginary * d.Imaginary;
        }
        return Math.Sqrt(sum);
    }
}
