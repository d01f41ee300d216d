using System.Diagnostics;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.DensityMatrix;

/// <summary>
/// <see cref="Simulator.Run"/> on the density-matrix engine: exact probabilities (top K or named outcomes, readout
/// errors included) or counts sampled from them with the run's seed.
/// </summary>
public static class DensityMatrixRun
{
    public static SimulationResult Run(NoisyPlan noisy, SimulationOptions options, ulong seed, double noiseMs)
    {
        ArgumentNullException.ThrowIfNull(noisy);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var result = DensityMatrixSimulator.Run(noisy);
        var plan = noisy.Plan;
        IReadOnlyDictionary<string, int>? counts = null;
        IReadOnlyList<OutcomeProbability>? probabilities = null;
        if (options.Exact) probabilities = options.Outcomes is { Count: > 0 } named ? Named(plan, result, named) : Top(result, options.Top);
        else counts = result.SampleCounts(options.Shots, seed);
        var gates = plan.Ops.Count(op => op is ExecutionOp.Unitary);
        return new SimulationResult(options.Exact ? 0 : options.Shots, seed, counts, probabilities,
            new SimulationTimings(0, noiseMs, clock.Elapsed.TotalMilliseconds), 16L << (2 * plan.NumQubits),
            Precision.Double, gates, gates, Simulations: 1, Noisy: noisy.IsNoisy);
    }

    private static OutcomeProbability[] Top(DensityMatrixResult result, int k)
    {
        if (k <= 0) throw new SimulationRequestException(ErrorCodes.Simulation.InvalidTop, $"--top must be at least 1, got {k}");
        return [.. result.Probabilities
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(k)
            .Select(p => new OutcomeProbability(p.Key, p.Value))];
    }

    private static OutcomeProbability[] Named(ExecutionPlan plan, DensityMatrixResult result, IReadOnlyList<string> outcomes) =>
    [
        .. outcomes.Select(key =>
        {
            var clbits = plan.CountKeys.Parse(key) ?? throw new SimulationRequestException(ErrorCodes.Simulation.InvalidOutcome,
                $"outcome '{key}' does not have the circuit's {plan.NumClbits} classical bits (registers as in the counts)");
            var canonical = plan.CountKeys.Format(clbits);
            return new OutcomeProbability(canonical, result.Probabilities.GetValueOrDefault(canonical));
        }),
    ];
}
