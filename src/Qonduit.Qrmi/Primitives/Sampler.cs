namespace Qonduit.Qrmi.Primitives;

/// <summary>One circuit with its parameter values (by name); the Sampler's unit of work.</summary>
public sealed record SamplerPub(string Circuit, IReadOnlyDictionary<string, double>? Parameters = null);

public sealed record SamplerPubResult(TaskResult Result)
{
    public IReadOnlyDictionary<string, long> Counts => Result.Counts;
}

/// <summary>
/// Qiskit's Sampler shape over any <see cref="IQuantumResource"/>: every pub is started first (they run
/// concurrently where the resource allows), then each result is awaited in order.
/// </summary>
public sealed class Sampler(IQuantumResource resource, int defaultShots = 1024, ulong? seed = null, TimeProvider? time = null)
{
    public async Task<IReadOnlyList<SamplerPubResult>> RunAsync(IEnumerable<SamplerPub> pubs, int? shots = null, CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        foreach (var pub in pubs)
        {
            var bound = QasmText.Bind(pub.Circuit, pub.Parameters);
            var payload = TaskPayload.FromQasm(bound, shots ?? defaultShots, seed);
            started.Add(await resource.TaskStartAsync(payload, cancellationToken).ConfigureAwait(false));
        }
        var results = new List<SamplerPubResult>();
        foreach (var taskId in started)
            results.Add(new SamplerPubResult(await TaskWaiter.WaitAsync(resource, taskId, time, cancellationToken).ConfigureAwait(false)));
        return results;
    }
}
