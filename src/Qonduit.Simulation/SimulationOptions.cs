using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation;

/// <summary>What <see cref="Simulator.Run"/> is asked to do.</summary>
public sealed record SimulationOptions
{
    public int Shots { get; init; } = 1024;

    /// <summary>Seed of the <see cref="Sampling.Xoshiro256"/> stream; a random one is drawn (and reported) when null.</summary>
    public ulong? Seed { get; init; }

    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>Apply the device's noise (when a device is given).</summary>
    public bool Noise { get; init; } = true;

    /// <summary>Answer exact outcome probabilities instead of sampled counts (terminal measurements only).</summary>
    public bool Exact { get; init; }

    /// <summary>With <see cref="Exact"/>: how many of the most probable outcomes to report.</summary>
    public int Top { get; init; } = 16;

    /// <summary>With <see cref="Exact"/>: report these outcomes (Qiskit-ordered keys) instead of the top ones.</summary>
    public IReadOnlyList<string>? Outcomes { get; init; }

    public int FusionQubits { get; init; } = GateFusion.DefaultMaxQubits;

    public bool Parallel { get; init; } = true;

    /// <summary>With <see cref="Noise"/>: include T1/T2 relaxation over gate and delay durations (the depolarising part shrinks to keep each gate's reported error).</summary>
    public bool ThermalRelaxation { get; init; } = true;

    /// <summary>Which engine evolves the state; the density-matrix engine is exact with noise, up to 12 qubits.</summary>
    public SimulationEngine Engine { get; init; } = SimulationEngine.StateVector;

    /// <summary>
    /// With noise: how many error patterns (trajectories) to draw for all the shots. Null, or at least
    /// <see cref="Shots"/>, draws one pattern per shot: the shots are independent samples of the noisy distribution.
    /// With N &lt; shots, N patterns are drawn i.i.d. and each shot is assigned to one of them uniformly at random
    /// (the group sizes are multinomial); a pattern's shots share one simulation, and readout errors are still drawn
    /// per shot. Each shot is then still, marginally, an exact sample of the noisy distribution, but shots that share
    /// a pattern are correlated: for an outcome of probability p whose probability within one trajectory is p_t, the
    /// frequency over S shots has variance p(1 − p)/S + (1 − 1/S)·Var(p_t)/N ≤ p(1 − p)·(1/S + 1/N), so the counts
    /// are unbiased and their error is at most √(1 + S/N) times that of independent shots. The cost is at most N
    /// simulations instead of up to S. Null by default, because the extra error is not bounded below that worst
    /// case without knowing Var(p_t).
    /// </summary>
    public int? Trajectories { get; init; }

    /// <summary>Values for the circuit's input parameters.</summary>
    public IReadOnlyDictionary<string, double>? Bindings { get; init; }

    /// <summary>
    /// Told (simulations done, simulations in all) after each simulation of a sampled run: one per error pattern of a
    /// noisy run, one for an ideal one. It runs on the simulating thread, so it should be quick.
    /// </summary>
    public Action<int, int>? Progress { get; init; }

    /// <summary>Stops the run with <see cref="OperationCanceledException"/>: see <see cref="Execution.ExecutionOptions.Cancellation"/>.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>State vector with trajectories for noise (the default), or the exact density-matrix engine.</summary>
public enum SimulationEngine { StateVector, DensityMatrix }

/// <summary>
/// Milliseconds spent parsing (filled in by whoever parsed), building the noise model, and simulating. In a sampled run, simulating
/// starts once the state is allocated and zeroed (<see cref="StateMs"/>) and includes fusion, the sweeps and sampling.
/// </summary>
public sealed record SimulationTimings(double ParseMs, double NoiseMs, double SimulateMs)
{
    /// <summary>Allocating and zeroing the state vectors, which <see cref="SimulateMs"/> leaves out.</summary>
    public double StateMs { get; init; }
}

/// <summary>
/// The answer of a run: counts (Qiskit bit order) when sampled, probabilities when exact; the seed that reproduces
/// it; timings; state memory; and how many sweeps of the state fusion saved.
/// </summary>
public sealed record SimulationResult(
    int Shots,
    ulong Seed,
    IReadOnlyDictionary<string, int>? Counts,
    IReadOnlyList<Execution.OutcomeProbability>? Probabilities,
    SimulationTimings Timings,
    long MemoryBytes,
    Precision Precision,
    int GatesBeforeFusion,
    int PassesAfterFusion,
    int Simulations,
    bool Noisy);
