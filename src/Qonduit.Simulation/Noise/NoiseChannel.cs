using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Noise;

/// <summary>One quantum channel a <see cref="NoiseModel"/> places after an operation. Closed union; immutable.</summary>
public abstract record NoiseChannel
{
    private NoiseChannel() { }

    public abstract EquatableArray<int> Qubits { get; }

    /// <summary>
    /// ρ ↦ (1 − p)·ρ + p·I/d on the listed qubits (Qiskit Aer's <c>depolarizing_error(p, n)</c>): each of the 4^n − 1
    /// non-identity Paulis with probability p/4^n.
    /// </summary>
    public sealed record Depolarizing(EquatableArray<int> Targets, double Parameter) : NoiseChannel
    {
        public override EquatableArray<int> Qubits => Targets;

        public int PauliCount => 1 << (2 * Targets.Count);

        public double ErrorProbability => DeviceErrorFormulas.PauliErrorProbability(Parameter, Targets.Count);
    }

    /// <summary>Thermal relaxation of one qubit over the operation's duration.</summary>
    public sealed record Relaxation(int Qubit, ThermalRelaxation Parameters) : NoiseChannel
    {
        public override EquatableArray<int> Qubits => new[] { Qubit };
    }
}
