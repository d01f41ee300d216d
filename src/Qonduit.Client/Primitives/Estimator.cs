namespace Qonduit.Client.Primitives;

/// <summary>A circuit, a Pauli observable and parameter values; the Estimator's unit of work.</summary>
public sealed record EstimatorPub(string Circuit, PauliObservable Observable, IReadOnlyDictionary<string, double>? Parameters = null);

/// <summary>The estimate and its standard error from shot noise.</summary>
public sealed record EstimatorPubResult(double Value, double StandardError, IReadOnlyList<string> TaskIds);

/// <summary>
/// Expectation values of Pauli sums, estimated from counts: each non-identity term is measured in its own basis
/// (one task per term), and its value is the parity average over the measured bits.
/// </summary>
public sealed class Estimator(ISamplingTarget target, int defaultShots = 4096, ulong? seed = null, int? trajectories = null)
{
    public async Task<IReadOnlyList<EstimatorPubResult>> RunAsync(IEnumerable<EstimatorPub> pubs, int? shots = null, CancellationToken cancellationToken = default)
    {
        var plans = new List<List<(double Coefficient, string? TaskId)>>();
        foreach (var pub in pubs)
        {
            var bound = QasmText.Bind(pub.Circuit, pub.Parameters);
            var terms = new List<(double, string?)>();
            foreach (var (pauli, coefficient) in pub.Observable.Terms)
            {
                if (pauli.All(c => c == 'I'))
                {
                    terms.Add((coefficient, null));
                    continue;
                }
                var run = new CircuitRun(QasmText.MeasureInBasis(bound, pauli), shots ?? defaultShots, seed, trajectories);
                terms.Add((coefficient, await target.StartAsync(run, cancellationToken).ConfigureAwait(false)));
            }
            plans.Add(terms);
        }
        var results = new List<EstimatorPubResult>();
        foreach (var terms in plans)
        {
            double value = 0, variance = 0;
            var ids = new List<string>();
            foreach (var (coefficient, taskId) in terms)
            {
                if (taskId is null)
                {
                    value += coefficient;
                    continue;
                }
                var result = await target.ResultAsync(taskId, cancellationToken).ConfigureAwait(false);
                var (expectation, samples) = ParityExpectation(result.Counts);
                value += coefficient * expectation;
                variance += coefficient * coefficient * (1 - expectation * expectation) / Math.Max(1, samples);
                ids.Add(taskId);
            }
            results.Add(new EstimatorPubResult(value, Math.Sqrt(variance), ids));
        }
        return results;
    }

    /// <summary>The measurement register is declared last, so it is the leftmost group of every key.</summary>
    internal static (double Expectation, long Samples) ParityExpectation(IReadOnlyDictionary<string, long> counts)
    {
        long total = 0, signed = 0;
        foreach (var (key, count) in counts)
        {
            var bits = key.Split(' ')[0];
            total += count;
            signed += bits.Count(c => c == '1') % 2 == 0 ? count : -count;
        }
        return (total == 0 ? 0 : signed / (double)total, total);
    }
}
