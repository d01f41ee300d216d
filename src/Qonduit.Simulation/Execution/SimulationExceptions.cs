using Qonduit.Circuits;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>A gate without a matrix (declared `opaque`, or unknown to the library) cannot be simulated.</summary>
public sealed class OpaqueGateException(string gate, SourceLocation? location)
    : QonduitException(ErrorCodes.Simulation.OpaqueGate, $"{(location is null ? "" : location + ": ")}gate '{gate}' has no matrix (opaque or unknown); it cannot be simulated")
{
    public string GateName { get; } = gate;

    public SourceLocation? Location { get; } = location;
}

/// <summary>The state would not fit: more than <see cref="StateVectorLimits.MaxQubits"/> qubits or more than the memory available.</summary>
public sealed class SimulationTooLargeException(int qubits, long bytesNeeded, string reason)
    : QonduitException(ErrorCodes.Simulation.TooLarge,
        $"{qubits} qubits need {StateVectorLimits.FormatBytes(bytesNeeded)} of state vector memory; {reason}")
{
    public int Qubits { get; } = qubits;

    public long BytesNeeded { get; } = bytesNeeded;
}

/// <summary>A request the simulator cannot answer as asked (bad shot count, exact probabilities of a mid-circuit measurement, ...).</summary>
public sealed class SimulationRequestException(string code, string message) : QonduitException(code, message);
