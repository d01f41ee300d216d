using System.Collections.Immutable;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Estimation;

/// <summary>What an estimate is asked for: exact (no <see cref="Shots"/>) or sampled with that many shots per term.</summary>
public sealed record EstimatorOptions
{
    /// <summary>Shots per Pauli term; null answers the exact expectation value.</summary>
    public int? Shots { get; init; }

    /// <summary>Seeds the per-term runs when sampling; a random one is drawn (and reported) when null.</summary>
    public ulong? Seed { get; init; }

    /// <summary>Noise, relaxation, precision and bindings, as for <see cref="Simulator.Run"/> (shots, seed and exact are set per term).</summary>
    public SimulationOptions Simulation { get; init; } = new();

    /// <summary>
    /// The circuit qubit each observable qubit is read on: for a transpiled circuit, where each logical qubit ended
    /// (the transpiler's final permutation). Null: observable qubit i is circuit qubit i.
    /// </summary>
    public IReadOnlyList<int>? Qubits { get; init; }
}

/// <summary>One term's coefficient, its expectation ⟨P⟩ and, when sampled, the standard error of ⟨P⟩.</summary>
public sealed record TermEstimate(string Label, double Coefficient, double Expectation, double? StandardError);

/// <summary>⟨O⟩ = Σ c_k ⟨P_k⟩; <see cref="StandardError"/> = √(Σ c_k² σ_k²) when sampled, null when exact.</summary>
public sealed record EstimatorResult(double Value, double? StandardError, ImmutableArray<TermEstimate> Terms, int? Shots, ulong? Seed);

/// <summary>
/// Expectation values of Pauli-sum observables (<see cref="PauliSum"/>) on the state a circuit prepares; the circuit's
/// final measurements are ignored. Exact: on the state vector when nothing random happens, otherwise on the
/// density matrix (noise, mid-circuit measurement or reset; up to 12 qubits); readout errors do not enter an exact
/// value. Sampled: each non-identity term is measured in its own basis with the given shots through
/// <see cref="Simulator.Run"/> (so device noise, readout errors included, applies as in any run), and its standard
/// error is √((1 − m²)/N) for a ±1 mean m over N shots.
/// </summary>
public static class Estimator
{
    public static EstimatorResult Run(Circuit circuit, string observable, DeviceSnapshot? device, EstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(options);
        return Run(circuit, PauliSum.Parse(observable, options.Qubits?.Count ?? circuit.NumQubits), device, options);
    }

    public static EstimatorResult Run(Circuit circuit, PauliSum observable, DeviceSnapshot? device, EstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(options);
        var qubits = options.Qubits ?? [.. Enumerable.Range(0, circuit.NumQubits)];
        if (observable.NumQubits != qubits.Count)
            throw new ObservableException(ErrorCodes.Simulation.ObservableLength, options.Qubits is null
                ? $"the observable acts on {observable.NumQubits} qubits but the circuit has {circuit.NumQubits}"
                : $"the observable acts on {observable.NumQubits} qubits but the circuit was mapped from {qubits.Count}");
        if (qubits.Any(q => q < 0 || q >= circuit.NumQubits) || qubits.Distinct().Count() != qubits.Count)
            throw new ArgumentException($"the observable's qubits must be distinct qubits of the circuit's {circuit.NumQubits}", nameof(options));
        var prepared = MeasurementCircuits.WithoutFinalMeasurements(circuit);
        return options.Shots is { } shots
            ? Sampled(prepared, observable, qubits, device, options, shots)
            : Exact(prepared, observable, qubits, device, options.Simulation);
    }

    /// <summary>
    /// On the qubits the circuit acts on and those the observable reads (a transpiled circuit declares its whole
    /// device), each term moved onto their dense indices.
    /// </summary>
    private static EstimatorResult Exact(Circuit prepared, PauliSum observable, IReadOnlyList<int> qubits, DeviceSnapshot? device, SimulationOptions options)
    {
        var noisy = QubitCompaction.Compact(NoisyExecution.Prepare(prepared, device, options, implicitMeasurements: false), qubits, out var map);
        var dense = qubits.Select(q => map[q]).ToArray();
        Func<PauliTerm, double> expectation;
        if (noisy.HasChannels || !noisy.Plan.HasTerminalMeasurementsOnly || options.Engine == SimulationEngine.DensityMatrix)
        {
            var rho = DensityMatrixSimulator.Run(noisy).State();
            expectation = term => term.OnQubits(dense, noisy.NumQubits).Expectation(rho);
        }
        else
        {
            var execution = new ExecutionOptions { Precision = options.Precision, FusionQubits = options.FusionQubits, Parallel = options.Parallel };
            StateVectorLimits.EnsureFits(noisy.NumQubits, options.Precision);
            using var state = ShotExecutor.FinalState(noisy.Plan, execution);
            var amplitudes = state.ToArray();
            expectation = term => term.OnQubits(dense, noisy.NumQubits).Expectation(amplitudes);
        }
        var terms = observable.Terms.Select(t => new TermEstimate(t.Label, t.Coefficient, expectation(t), null)).ToImmutableArray();
        return new EstimatorResult(terms.Sum(t => t.Coefficient * t.Expectation), null, terms, null, null);
    }

    private static EstimatorResult Sampled(
        Circuit prepared, PauliSum observable, IReadOnlyList<int> qubits, DeviceSnapshot? device, EstimatorOptions options, int shots)
    {
        if (shots < 1) throw new SimulationRequestException(ErrorCodes.Simulation.InvalidShots, $"an estimate needs at least 1 shot per term, got {shots}");
        var seed = options.Seed ?? Xoshiro256.RandomSeed();
        var seeds = new Xoshiro256(seed);
        var terms = ImmutableArray.CreateBuilder<TermEstimate>(observable.Terms.Length);
        foreach (var term in observable.Terms)
        {
            var termSeed = seeds.NextUInt64();
            if (term.IsIdentity)
            {
                terms.Add(new TermEstimate(term.Label, term.Coefficient, 1, 0));
                continue;
            }
            var run = Simulator.Run(MeasurementCircuits.ForTerm(prepared, term, qubits), device,
                options.Simulation with { Shots = shots, Seed = termSeed, Exact = false });
            var support = term.Support.Count;
            var mean = run.Counts!.Sum(c => MeasurementCircuits.Eigenvalue(c.Key, support) * (double)c.Value) / shots;
            terms.Add(new TermEstimate(term.Label, term.Coefficient, mean, Math.Sqrt(Math.Max(0, 1 - mean * mean) / shots)));
        }
        var result = terms.ToImmutable();
        var value = result.Sum(t => t.Coefficient * t.Expectation);
        var error = Math.Sqrt(result.Sum(t => t.Coefficient * t.Coefficient * t.StandardError!.Value * t.StandardError.Value));
        return new EstimatorResult(value, error, result, shots, seed);
    }
}
