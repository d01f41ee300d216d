namespace Qonduit.Client.Primitives;

/// <summary>One circuit with its parameter values (by name); the Sampler's unit of work.</summary>
public sealed record SamplerPub(string Circuit, IReadOnlyDictionary<string, double>? Parameters = null);

public sealed record SamplerPubResult(SampledResult Result)
{
    public IReadOnlyDictionary<string, long> Counts => Result.Counts;
}

/// <summary>
/// Qiskit's Sampler shape over any <see cref="ISamplingTarget"/>: every pub is started first (they run concurrently
/// where the target allows), then each result is awaited in order. Python's <c>Sampler(resource).run</c> is the same.
/// A <paramref name="trajectories"/> budget makes noisy sampling cheaper at the price of correlated shots.
/// </summary>
public sealed class Sampler(ISamplingTarget target, int defaultShots = 1024, ulong? seed = null, int? trajectories = null)
{
    public async Task<IReadOnlyList<SamplerPubResult>> RunAsync(IEnumerable<SamplerPub> pubs, int? shots = null, CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        foreach (var pub in pubs)
        {
            var run = new CircuitRun(QasmText.Bind(pub.Circuit, pub.Parameters), shots ?? defaultShots, seed, trajectories);
            started.Add(await target.StartAsync(run, cancellationToken).ConfigureAwait(false));
        }
        var results = new List<SamplerPubResult>();
        foreach (var taskId in started)
            results.Add(new SamplerPubResult(await target.ResultAsync(taskId, cancellationToken).ConfigureAwait(false)));
        return results;
    }
}
