using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>An outcome (Qiskit-ordered key) and its exact probability.</summary>
public sealed record OutcomeProbability(string Outcome, double Probability);

/// <summary>
/// The outcome distribution of a plan whose measurements are terminal, computed from the final state without
/// sampling: the K most probable outcomes, or the probability of named outcomes. Marginalises over unmeasured qubits.
/// Readout errors on the measurements are not part of it (they are noise, sampled with shots).
/// </summary>
public static class ExactDistribution
{
    /// <summary>Above this many measured qubits (short of all of them) the marginal table would not fit comfortably.</summary>
    private const int MaxMarginalQubits = 26;

    public static IReadOnlyList<OutcomeProbability> Top(ExecutionPlan plan, int k, ExecutionOptions? options = null)
    {
        if (k <= 0) throw new SimulationRequestException(ErrorCodes.Simulation.InvalidTop, $"--top must be at least 1, got {k}");
        using var state = ShotExecutor.FinalState(plan, options);
        var outcomes = new Outcomes(plan, options?.Cancellation ?? default);
        var heap = new PriorityQueue<long, double>();
        outcomes.ForEach(state, (index, p) =>
        {
            if (p <= 0) return;
            if (heap.Count < k) heap.Enqueue(index, p);
            else if (heap.TryPeek(out _, out var smallest) && p > smallest) heap.EnqueueDequeue(index, p);
        });
        var result = new List<OutcomeProbability>(heap.Count);
        while (heap.TryDequeue(out var index, out var p)) result.Add(new OutcomeProbability(outcomes.Key(index), p));
        result.Reverse();
        return result;
    }

    public static IReadOnlyList<OutcomeProbability> Of(ExecutionPlan plan, IReadOnlyList<string> keys, ExecutionOptions? options = null)
    {
        var outcomes = new Outcomes(plan, options?.Cancellation ?? default);
        var wanted = keys.Select(k => outcomes.Index(k)).ToArray();
        using var state = ShotExecutor.FinalState(plan, options);
        var probabilities = new double[wanted.Length];
        var lookup = wanted.Select((index, i) => (index, i)).Where(p => p.index >= 0).ToLookup(p => p.index, p => p.i);
        outcomes.ForEach(state, (index, p) =>
        {
            foreach (var i in lookup[index]) probabilities[i] += p;
        });
        return [.. keys.Select((key, i) => new OutcomeProbability(wanted[i] >= 0 ? outcomes.Key(wanted[i]) : key, probabilities[i]))];
    }

    /// <summary>Maps basis states to outcome indices: bit j of an outcome index is the j-th distinct measured qubit.</summary>
    private sealed class Outcomes
    {
        private readonly ExecutionPlan _plan;
        private readonly int[] _qubits;
        private readonly ExecutionOp.Measure[] _measures;
        private readonly CancellationToken _cancellation;

        public Outcomes(ExecutionPlan plan, CancellationToken cancellation)
        {
            _plan = plan;
            _cancellation = cancellation;
            // A bit written twice shows only its last write; an overwritten measurement must not split outcomes.
            _measures = [.. plan.Ops.OfType<ExecutionOp.Measure>().GroupBy(m => m.Clbit).Select(g => g.Last())];
            _qubits = [.. _measures.Select(m => m.Qubit).Distinct().Order()];
            if (_qubits.Length > MaxMarginalQubits && _qubits.Length < plan.NumQubits)
                throw new SimulationRequestException(ErrorCodes.Simulation.TooManyOutcomes,
                    $"exact probabilities over {_qubits.Length} of {plan.NumQubits} measured qubits are not supported; measure all qubits or at most {MaxMarginalQubits}");
        }

        private bool MeasuresAll => _qubits.Length == _plan.NumQubits;

        /// <summary>Calls back once per outcome with its probability (per basis state when all qubits are measured).</summary>
        public void ForEach(StateVector state, Action<long, double> visit)
        {
            var chunk = new double[1 << state.ChunkBits];
            double[]? marginal = MeasuresAll ? null : new double[1L << _qubits.Length];
            for (long start = 0; start < state.Length; start += chunk.Length)
            {
                _cancellation.ThrowIfCancellationRequested();
                state.Probabilities(start, chunk);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (marginal is null) visit(start + i, chunk[i]);
                    else marginal[Gather(start + i)] += chunk[i];
                }
            }
            if (marginal is not null)
                for (long i = 0; i < marginal.Length; i++) visit(i, marginal[i]);
        }

        public string Key(long outcome)
        {
            var clbits = new bool[_plan.NumClbits];
            foreach (var m in _measures) clbits[m.Clbit] = (outcome >> Position(m.Qubit) & 1) != 0;
            return _plan.CountKeys.Format(clbits);
        }

        /// <summary>The outcome index a key names, or -1 when no measurement can produce it.</summary>
        public long Index(string key)
        {
            var clbits = _plan.CountKeys.Parse(key)
                ?? throw new SimulationRequestException(ErrorCodes.Simulation.InvalidOutcome,
                    $"outcome '{key}' does not have the circuit's {_plan.NumClbits} classical bits (registers as in the counts)");
            long index = 0;
            foreach (var m in _measures) if (clbits[m.Clbit]) index |= 1L << Position(m.Qubit);
            return Key(index) == _plan.CountKeys.Format(clbits) ? index : -1;
        }

        private int Position(int qubit) => MeasuresAll ? qubit : Array.IndexOf(_qubits, qubit);

        private long Gather(long basis)
        {
            long index = 0;
            for (var j = 0; j < _qubits.Length; j++) index |= (basis >> _qubits[j] & 1) << j;
            return index;
        }
    }
}
