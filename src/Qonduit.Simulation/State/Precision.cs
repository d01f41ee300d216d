namespace Qonduit.Simulation.State;

/// <summary>Amplitude precision of a run: complex128 (Double) or complex64 (Single, half the memory traffic).</summary>
public enum Precision { Double, Single }
