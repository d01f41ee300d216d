using System.Numerics;
using Qonduit.Simulation.DensityMatrix;

namespace Qonduit.Simulation.Estimation;

/// <summary>
/// coefficient · P for a Pauli string in Qiskit's label order: the rightmost character acts on qubit 0.
/// P|i⟩ = i^{#Y} · (−1)^{popcount(i ∧ zMask)} · |i ⊕ xMask⟩, where xMask marks X and Y and zMask marks Z and Y.
/// </summary>
public sealed record PauliTerm(double Coefficient, string Label)
{
    public int NumQubits => Label.Length;

    public ulong XMask { get; } = Mask(Label, c => c is 'X' or 'Y');

    public ulong ZMask { get; } = Mask(Label, c => c is 'Z' or 'Y');

    /// <summary>Qubits where the term is not the identity, ascending.</summary>
    public IReadOnlyList<int> Support => [.. Enumerable.Range(0, Label.Length).Where(q => PauliOn(q) != 'I')];

    public bool IsIdentity => (XMask | ZMask) == 0;

    /// <summary>The Pauli letter acting on <paramref name="qubit"/>.</summary>
    public char PauliOn(int qubit) => Label[Label.Length - 1 - qubit];

    /// <summary>i^{#Y}: the phase that makes Y = i·X·Z.</summary>
    public Complex YPhase => (BitOperations.PopCount(XMask & ZMask) % 4) switch
    {
        0 => Complex.One,
        1 => Complex.ImaginaryOne,
        2 => -Complex.One,
        _ => -Complex.ImaginaryOne,
    };

    /// <summary>⟨ψ|P|ψ⟩ (without the coefficient) on a normalised state vector.</summary>
    public double Expectation(ReadOnlySpan<Complex> state)
    {
        var sum = Complex.Zero;
        for (var i = 0; i < state.Length; i++)
        {
            var amplitude = state[i];
            if (amplitude == Complex.Zero) continue;
            var term = Complex.Conjugate(state[(int)((ulong)i ^ XMask)]) * amplitude;
            sum += (BitOperations.PopCount((ulong)i & ZMask) & 1) == 0 ? term : -term;
        }
        return (YPhase * sum).Real;
    }

    /// <summary>Tr(ρP) (without the coefficient) = i^{#Y} · Σ_i ρ[i, i ⊕ xMask] · (−1)^{popcount(i ∧ zMask)}.</summary>
    public double Expectation(DensityOperator rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        var sum = Complex.Zero;
        for (var i = 0; i < rho.Dimension; i++)
        {
            var element = rho[i, (int)((ulong)i ^ XMask)];
            sum += (BitOperations.PopCount((ulong)i & ZMask) & 1) == 0 ? element : -element;
        }
        return (YPhase * sum).Real;
    }

    /// <summary>The same term on a <paramref name="width"/>-qubit register, its qubit i placed on <paramref name="qubits"/>[i].</summary>
    public PauliTerm OnQubits(IReadOnlyList<int> qubits, int width)
    {
        ArgumentNullException.ThrowIfNull(qubits);
        var label = new char[width];
        Array.Fill(label, 'I');
        foreach (var q in Support) label[width - 1 - qubits[q]] = PauliOn(q);
        return new PauliTerm(Coefficient, new string(label));
    }

    public override string ToString() => $"{Coefficient.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}*{Label}";

    private static ulong Mask(string label, Func<char, bool> predicate)
    {
        var mask = 0UL;
        for (var q = 0; q < label.Length; q++)
            if (predicate(label[label.Length - 1 - q])) mask |= 1UL << q;
        return mask;
    }
}
