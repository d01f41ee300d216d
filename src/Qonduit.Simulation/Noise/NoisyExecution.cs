using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// The one sampling pipeline of <see cref="Simulator"/>: the circuit is lowered with the bound snapshot's noise (none
/// without a device or with noise off), trajectories are grouped by error pattern and each group runs on the
/// state-vector executor. Without noise there is one group and no random number is spent on patterns, so an ideal
/// snapshot reproduces the noiseless counts of the same seed exactly. A trajectory budget
/// (<see cref="SimulationOptions.Trajectories"/>) bounds the number of patterns, and so of simulations.
/// </summary>
public static class NoisyExecution
{
    public static NoisyPlan Prepare(Circuit circuit, DeviceSnapshot? device, SimulationOptions options, bool implicitMeasurements = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = device is not null && options.Noise ? NoiseModel.From(device, options.ThermalRelaxation) : null;
        return NoisyPlan.Build(circuit, model, options.Bindings, implicitMeasurements);
    }

    /// <summary>
    /// Runs every group with the same generator and merges the counts. Groups share the error-free prefix of the circuit
    /// (<see cref="TrunkSharing"/>) when the extra states fit in memory; otherwise each group runs from |0…0⟩.
    /// </summary>
    /// <param name="trajectories">the error-pattern budget of <see cref="SimulationOptions.Trajectories"/>.</param>
    /// <param name="progress"><see cref="SimulationOptions.Progress"/>: told after each group.</param>
    public static ShotResult Sample(NoisyPlan plan, int shots, Xoshiro256 rng, ExecutionOptions execution, int? trajectories = null, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (shots < 0) throw new SimulationRequestException(ErrorCodes.Simulation.InvalidShots, $"shots must be at least 0, got {shots}");
        var groups = TrajectoryGroups.Expand(plan, shots, rng, trajectories);
        if (groups.Count == 0) return ShotExecutor.Run(plan.Plan, 0, rng, execution);
        if (groups.Count > 1 && TrunkSharing.Fits(plan.Plan, execution))
            return TrunkSharing.Run(TrajectoryGroups.Trunk(plan), groups, rng, execution, progress) with { Shots = shots };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ShotResult? last = null;
        var simulations = 0;
        double stateMs = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            execution.Cancellation.ThrowIfCancellationRequested();
            last = ShotExecutor.Run(groups[i].Plan, groups[i].Draws, rng, execution);
            simulations += last.Simulations;
            stateMs += last.StateMs;
            foreach (var (key, hits) in last.Counts) counts[key] = counts.GetValueOrDefault(key) + hits;
            progress?.Invoke(i + 1, groups.Count);
        }
        return last! with { Counts = counts, Shots = shots, Simulations = simulations, StateMs = stateMs };
    }
}
