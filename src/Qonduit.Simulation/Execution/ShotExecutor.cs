using System.Diagnostics;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Runs an <see cref="ExecutionPlan"/> for N shots. When every measurement is terminal the state is evolved once and
/// all shots are sampled from it; otherwise each shot is a trajectory (mid-circuit measurement, reset, conditions,
/// Kraus channels), starting from a cached copy of the deterministic prefix and sampling the trailing measurements
/// in one draw. All randomness comes from the given <see cref="Xoshiro256"/>, consumed in a fixed order.
/// </summary>
public static class ShotExecutor
{
    public static ShotResult Run(ExecutionPlan plan, int shots, Xoshiro256 rng, ExecutionOptions? options = null)
    {
        if (shots < 0) throw new SimulationRequestException(ErrorCodes.Simulation.InvalidShots, $"shots must be at least 0, got {shots}");
        return Run(plan, Enumerable.Repeat(1, shots).ToArray(), rng, options);
    }

    /// <summary>
    /// Shots spread over trajectories: when the plan needs per-shot execution, entry i is one trajectory read out
    /// that many times (shots sharing everything random before the trailing measurements); otherwise only the total counts.
    /// </summary>
    public static ShotResult Run(ExecutionPlan plan, IReadOnlyList<int> shotsPerTrajectory, Xoshiro256 rng, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shotsPerTrajectory);
        options ??= ExecutionOptions.Default;
        var shots = shotsPerTrajectory.Sum();
        var terminal = plan.HasTerminalMeasurementsOnly;
        StateVectorLimits.EnsureFits(plan.NumQubits, options.Precision, terminal ? 1 : 2);
        var clock = Stopwatch.StartNew();
        using var state = StateVector.Create(plan.NumQubits, options.Precision);
        var stateMs = clock.Elapsed.TotalMilliseconds;
        state.Parallel = options.Parallel;
        return Run(plan, shotsPerTrajectory, rng, options, state, origin: null) with { StateMs = stateMs };
    }

    /// <summary>
    /// The same on a given state, which holds |0…0⟩ unless <paramref name="origin"/> is given: then every trajectory
    /// starts from a copy of that (the state a shared prefix left: see <see cref="Noise.TrunkSharing"/>).
    /// </summary>
    internal static ShotResult Run(
        ExecutionPlan plan, IReadOnlyList<int> shotsPerTrajectory, Xoshiro256 rng, ExecutionOptions options, StateVector state, StateVector? origin)
    {
        var shots = shotsPerTrajectory.Sum();
        plan = plan.WithTerminalMeasurementsLast(startsInZero: origin is null);
        var terminal = plan.MeasuresOnlyAtEnd;
        var program = CompiledProgram.Compile(plan, options.FusionQubits, unitariesOnly: terminal);
        var measures = plan.Ops.OfType<ExecutionOp.Measure>().ToArray();
        if (origin is not null) state.CopyFrom(origin);
        var counts = terminal
            ? SampleTerminal(plan, program, measures, state, shots, rng, options.Cancellation)
            : new Trajectories(plan, program, state, origin, rng, options.Cancellation).Run(shotsPerTrajectory);
        return new ShotResult(counts, shots, terminal ? 1 : shotsPerTrajectory.Count, program.GateCount, program.PassCount, state.Bytes * (terminal ? 1 : 2));
    }

    /// <summary>
    /// The state before measurement, for exact answers (probabilities, expectation values). The plan's measurements
    /// must be terminal (<see cref="ExecutionPlan.HasTerminalMeasurementsOnly"/>); they are ignored. The caller disposes the state.
    /// </summary>
    public static StateVector FinalState(ExecutionPlan plan, ExecutionOptions? options = null)
    {
        options ??= ExecutionOptions.Default;
        plan = plan.WithTerminalMeasurementsLast(startsInZero: true);
        if (!plan.MeasuresOnlyAtEnd)
            throw new SimulationRequestException(ErrorCodes.Simulation.NotTerminal,
                "the circuit acts on a qubit after measuring it, resets a qubit in use, or branches on a measured bit; its outcome is not one state (sample it with shots instead)");
        var program = CompiledProgram.Compile(plan, options.FusionQubits, unitariesOnly: true);
        var state = StateVector.Create(plan.NumQubits, options.Precision);
        state.Parallel = options.Parallel;
        try
        {
            program.ApplyGates(state, options.Cancellation);
        }
        catch (OperationCanceledException)
        {
            state.Dispose();
            throw;
        }
        return state;
    }

    private static Dictionary<string, int> SampleTerminal(
        ExecutionPlan plan, CompiledProgram program, ExecutionOp.Measure[] measures, StateVector state, int shots, Xoshiro256 rng, CancellationToken cancellation)
    {
        program.ApplyGates(state, cancellation);
        cancellation.ThrowIfCancellationRequested();
        var keys = plan.CountKeys;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var clbits = new bool[plan.NumClbits];
        var noisyReadout = measures.Any(m => m.Readout is not null);
        foreach (var (index, hits) in StateSampler.Sample(state, shots, rng).OrderBy(p => p.Key))
        {
            if (!noisyReadout)
            {
                Record(measures, index, clbits, null);
                Add(counts, keys.Format(clbits), hits);
                continue;
            }
            for (var shot = 0; shot < hits; shot++)
            {
                Record(measures, index, clbits, rng);
                Add(counts, keys.Format(clbits), 1);
            }
        }
        return counts;
    }

    /// <summary>Writes the measured bits of basis state <paramref name="index"/>, flipping each per its readout error.</summary>
    internal static void Record(IEnumerable<ExecutionOp.Measure> measures, long index, bool[] clbits, Xoshiro256? rng)
    {
        foreach (var m in measures) clbits[m.Clbit] = ReadOut((index >> m.Qubit & 1) != 0, m.Readout, rng);
    }

    internal static bool ReadOut(bool value, ReadoutConfusion? readout, Xoshiro256? rng)
    {
        if (readout is null || rng is null) return value;
        var flip = value ? readout.Prob0Given1 : readout.Prob1Given0;
        return rng.NextDouble() < flip ? !value : value;
    }

    internal static void Add(Dictionary<string, int> counts, string key, int hits) =>
        counts[key] = counts.GetValueOrDefault(key) + hits;
}
