namespace Qonduit.Simulation.Noise;

/// <summary>
/// How a reported gate error is split between thermal relaxation and depolarisation, exactly as Qiskit Aer's
/// device noise model (<c>_device_depolarizing_error</c>) does. The reported error e = 1 − F is taken as the average
/// gate infidelity of depolarisation followed by relaxation; since F(E_dep ∘ E_relax) = F_r − p·(d·F_r − 1)/d, the
/// depolarising parameter is p = d·(e − r)/(d·F_r − 1) with r = 1 − F_r the relaxation's own infidelity.
/// </summary>
public static class DeviceErrorFormulas
{
    /// <summary>Average gate fidelity of a channel from its process fidelity: (d·F_pro + 1)/(d + 1).</summary>
    public static double AverageGateFidelity(double processFidelity, int numQubits)
    {
        var d = (double)(1 << numQubits);
        return (d * processFidelity + 1) / (d + 1);
    }

    /// <summary>Average gate fidelity of independent relaxations on each qubit (process fidelities multiply).</summary>
    public static double RelaxationFidelity(IReadOnlyList<ThermalRelaxation> relaxations)
    {
        var processFidelity = 1.0;
        foreach (var relaxation in relaxations) processFidelity *= relaxation.ProcessFidelity;
        return AverageGateFidelity(processFidelity, relaxations.Count);
    }

    /// <summary>
    /// The depolarising parameter p of ρ ↦ (1 − p)·ρ + p·I/d that, followed by the relaxation of average fidelity
    /// <paramref name="relaxationFidelity"/>, gives the reported error. Zero when relaxation alone already explains
    /// the error; an unphysical report is clamped to e ≤ d/(d + 1) and p to its maximum 4^n/(4^n − 1).
    /// </summary>
    public static double DepolarizingParameter(double reportedError, int numQubits, double relaxationFidelity = 1)
    {
        var relaxationInfidelity = 1 - relaxationFidelity;
        if (!(reportedError > relaxationInfidelity)) return 0;
        var d = (double)(1 << numQubits);
        var error = Math.Min(reportedError, d / (d + 1));
        var p = d * (error - relaxationInfidelity) / (d * relaxationFidelity - 1);
        return Math.Min(p, d * d / (d * d - 1));
    }

    /// <summary>Probability that a depolarising channel of parameter p applies some non-identity Pauli: p·(4^n − 1)/4^n.</summary>
    public static double PauliErrorProbability(double depolarizingParameter, int numQubits)
    {
        var d2 = (double)(1 << (2 * numQubits));
        return depolarizingParameter * (d2 - 1) / d2;
    }
}
