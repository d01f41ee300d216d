using System.Diagnostics;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation;

/// <summary>The simulator's front door: a circuit, optionally the device it is bound to, and what to answer.</summary>
public static class Simulator
{
    public static SimulationResult Run(Circuit circuit, DeviceSnapshot? device, SimulationOptions options)
    {
        if (device is not null && circuit.NumQubits > device.NumQubits)
            throw new SimulationRequestException(ErrorCodes.Simulation.TooManyQubits,
                $"the circuit uses {circuit.NumQubits} qubits; device '{device.Device}' has {device.NumQubits}");
        if (options.Shots < 0 || (device is not null && options.Shots > device.MaxShots))
            throw new SimulationRequestException(ErrorCodes.Simulation.InvalidShots,
                $"shots must be between 0 and {device?.MaxShots ?? int.MaxValue}, got {options.Shots}");
        if (options.Trajectories is < 1)
            throw new SimulationRequestException(ErrorCodes.Simulation.InvalidTrajectories, $"trajectories must be at least 1, got {options.Trajectories}");
        var seed = options.Seed ?? Xoshiro256.RandomSeed();
        var execution = new ExecutionOptions { Precision = options.Precision, FusionQubits = options.FusionQubits, Parallel = options.Parallel, Cancellation = options.Cancellation };
        var clock = Stopwatch.StartNew();
        // Calibration is looked up by physical qubit first; only then are the qubits the circuit uses made dense.
        var noisy = QubitCompaction.Compact(NoisyExecution.Prepare(circuit, device, options));
        var noiseMs = clock.Elapsed.TotalMilliseconds;
        // Exact answers of a noisy run need the mixed state, which only the density-matrix engine holds.
        if (options.Engine == SimulationEngine.DensityMatrix || (options.Exact && noisy.IsNoisy))
            return DensityMatrixRun.Run(noisy, options, seed, noiseMs);
        var plan = noisy.Plan;
        clock.Restart();
        if (options.Exact)
        {
            StateVectorLimits.EnsureFits(plan.NumQubits, options.Precision);
            var probabilities = options.Outcomes is { Count: > 0 } outcomes
                ? ExactDistribution.Of(plan, outcomes, execution)
                : ExactDistribution.Top(plan, options.Top, execution);
            return new SimulationResult(0, seed, null, probabilities, new SimulationTimings(0, 0, clock.Elapsed.TotalMilliseconds),
                StateVectorLimits.BytesFor(plan.NumQubits, options.Precision), options.Precision, 0, 0, 1, Noisy: false);
        }
        var result = NoisyExecution.Sample(noisy, options.Shots, new Xoshiro256(seed), execution, options.Trajectories, options.Progress);
        var timings = new SimulationTimings(0, noiseMs, clock.Elapsed.TotalMilliseconds - result.StateMs) { StateMs = result.StateMs };
        return new SimulationResult(options.Shots, seed, result.Counts, null, timings,
            result.StateBytes, options.Precision, result.GatesBeforeFusion, result.PassesAfterFusion, result.Simulations, Noisy: noisy.IsNoisy);
    }
}
