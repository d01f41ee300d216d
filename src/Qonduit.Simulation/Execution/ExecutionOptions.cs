using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>How the state-vector engine runs a plan.</summary>
public sealed record ExecutionOptions
{
    public static ExecutionOptions Default { get; } = new();

    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>Largest block gate fusion builds (0 turns fusion off, 1 merges runs of one-qubit gates only).</summary>
    public int FusionQubits { get; init; } = GateFusion.DefaultMaxQubits;

    /// <summary>Use every core for large states.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// Checked between sweeps over the state (about every 2^24 amplitudes of work) and between trajectories, so a
    /// cancelled run stops within tens of milliseconds even when it is one long simulation.
    /// </summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// Counts keyed in Qiskit bit order, and what it took: <see cref="Simulations"/> state evolutions (1 when all
/// measurements are terminal), sweeps over the state per evolution before and after fusion, and state memory.
/// </summary>
public sealed record ShotResult(
    IReadOnlyDictionary<string, int> Counts,
    int Shots,
    int Simulations,
    int GatesBeforeFusion,
    int PassesAfterFusion,
    long StateBytes)
{
    /// <summary>
    /// Milliseconds spent allocating and zeroing the states the run started from: first-touch page faults, whose cost
    /// depends on the machine's memory rather than on the circuit.
    /// </summary>
    public double StateMs { get; init; }
}
