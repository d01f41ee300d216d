using Qonduit.Circuits;

namespace Qonduit.Simulation.DensityMatrix;

/// <summary>The density-matrix engine holds 4^n amplitudes per classical branch, so it refuses more than <see cref="DensityMatrixSimulator.MaxQubits"/> qubits.</summary>
public sealed class DensityMatrixTooLargeException(int qubits)
    : QonduitException(ErrorCodes.Simulation.DensityMatrixTooLarge,
        $"the density-matrix engine simulates at most {DensityMatrixSimulator.MaxQubits} qubits; this circuit has {qubits} " +
        $"(it would need {Math.Pow(4, qubits) * 16 / (1L << 30):0.##} GiB per density matrix); sample it with shots on the state-vector engine instead")
{
    public int Qubits { get; } = qubits;
}
