using System.Numerics;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// Single-qubit thermal relaxation over a duration, at zero temperature (Qiskit Aer's
/// <c>thermal_relaxation_error</c> with no excited-state population): populations relax as e^{-t/T1}
/// towards |0⟩ and coherences shrink by e^{-t/T2}, with T2 clamped to 2·T1.
/// <para>
/// Two exact decompositions serve trajectories. When T2 ≤ T1 (c ≤ 1 − γ) the channel is Aer's mixture of identity,
/// a Z flip with probability <see cref="ResetMixtureFlipProbability"/> and a reset to |0⟩ with probability γ: all
/// three are chosen without looking at the state. For every T2 ≤ 2·T1 it also equals amplitude damping with
/// γ = 1 − e^{-t/T1} followed by a Z flip with probability <see cref="PhaseFlipProbability"/>; there only the damping
/// needs the state (a Kraus operation), which is why it serves the T1 &lt; T2 ≤ 2·T1 case alone.
/// </para>
/// </summary>
public readonly record struct ThermalRelaxation(double DampingProbability, double CoherenceFactor)
{
    /// <summary>Missing T1 or T2 means that process does not happen (Aer treats it as infinite).</summary>
    public static ThermalRelaxation Over(double durationNs, double? t1Us, double? t2Us)
    {
        if (durationNs <= 0) return default(ThermalRelaxation) with { CoherenceFactor = 1 };
        var t1 = t1Us is > 0 ? t1Us.Value * 1e3 : double.PositiveInfinity;
        var t2 = t2Us is > 0 ? Math.Min(t2Us.Value * 1e3, 2 * t1) : 2 * t1;
        return new ThermalRelaxation(-double.ExpM1(-durationNs / t1), Math.Exp(-durationNs / t2));
    }

    public bool IsIdentity => DampingProbability == 0 && CoherenceFactor == 1;

    /// <summary>True when the channel is a mixture of identity, Z and reset (T2 ≤ T1).</summary>
    public bool IsResetMixture => CoherenceFactor <= 1 - DampingProbability;

    /// <summary>With <see cref="IsResetMixture"/>: the Z probability (1 − γ)·(1 − c/(1 − γ))/2; the reset probability is γ.</summary>
    public double ResetMixtureFlipProbability =>
        DampingProbability >= 1 ? 0 : Math.Max(0, (1 - DampingProbability - CoherenceFactor) / 2);

    /// <summary>Z-flip probability after the damping: (1 − c/√(1−γ))/2, never negative since T2 ≤ 2·T1.</summary>
    public double PhaseFlipProbability =>
        DampingProbability >= 1 ? 0 : Math.Max(0, (1 - CoherenceFactor / Math.Sqrt(1 - DampingProbability)) / 2);

    /// <summary>Process (entanglement) fidelity: trace of the Liouville superoperator over d² = 4.</summary>
    public double ProcessFidelity => (2 - DampingProbability + 2 * CoherenceFactor) / 4;

    /// <summary>Amplitude-damping Kraus operators, row-major 2×2: the no-jump K0 and the jump K1 = √γ |0⟩⟨1|.</summary>
    public Complex[][] DampingKraus() =>
    [
        [1, 0, 0, Math.Sqrt(1 - DampingProbability)],
        [0, Math.Sqrt(DampingProbability), 0, 0],
    ];

    /// <summary>Kraus operators of the whole channel (damping, then the Z flip), for exact engines.</summary>
    public Complex[][] Kraus()
    {
        var pz = PhaseFlipProbability;
        var s = Math.Sqrt(1 - DampingProbability);
        return
        [
            [Math.Sqrt(1 - pz), 0, 0, Math.Sqrt(1 - pz) * s],
            [Math.Sqrt(pz), 0, 0, -Math.Sqrt(pz) * s],
            [0, Math.Sqrt(DampingProbability), 0, 0],
        ];
    }
}
