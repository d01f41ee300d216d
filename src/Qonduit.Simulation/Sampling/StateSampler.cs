using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Sampling;

/// <summary>
/// Draws basis states from |ψ|² without materialising a distribution: the shots' uniforms are sorted and matched
/// against the running sum in one ordered sweep. Chunk sums (fixed chunks, fixed order) let the sweep skip whole
/// chunks, so the cost is one read of the state plus O(shots · log shots). The norm is the sum actually present, so
/// a slightly unnormalised single-precision state samples correctly.
/// </summary>
public static class StateSampler
{
    /// <summary>Amplitudes read at a time within a chunk.</summary>
    private const int ScanBlock = 1024;

    /// <summary>Sampled basis index → number of shots that drew it.</summary>
    public static Dictionary<long, int> Sample(StateVector state, int shots, Xoshiro256 rng)
    {
        var counts = new Dictionary<long, int>();
        if (shots <= 0) return counts;
        var uniforms = new double[shots];
        for (var i = 0; i < shots; i++) uniforms[i] = rng.NextDouble();
        Array.Sort(uniforms);
        var chunks = state.ChunkProbabilities();
        var total = 0.0;
        foreach (var p in chunks) total += p;
        var chunkLength = 1 << state.ChunkBits;
        var buffer = new double[Math.Min(chunkLength, ScanBlock)];
        var next = 0;
        var running = 0.0;
        var lastNonZero = -1L;
        for (long c = 0; c < chunks.Length && next < shots; c++)
        {
            var end = running + chunks[c];
            var last = c == chunks.Length - 1;
            // A chunk that no remaining uniform falls into is skipped unread (the last one is always read).
            if (uniforms[next] * total >= end && !last)
            {
                running = end;
                continue;
            }
            // Read in blocks, and only up to the amplitude that takes the chunk's last uniform: with about as many shots
            // as chunks, that is half a chunk on average instead of all of it.
            for (var from = 0; from < chunkLength && next < shots && (last || uniforms[next] * total < end); from += buffer.Length)
            {
                state.Probabilities(c * chunkLength + from, buffer);
                for (var i = 0; i < buffer.Length && next < shots; i++)
                {
                    if (buffer[i] == 0) continue;
                    lastNonZero = c * chunkLength + from + i;
                    running += buffer[i];
                    var hits = 0;
                    while (next < shots && uniforms[next] * total < running) { next++; hits++; }
                    if (hits > 0) Add(counts, lastNonZero, hits);
                }
            }
            running = end;
        }
        // Rounding can leave the running sum a hair below the total: the rest belongs to the last amplitude seen.
        if (next < shots)
        {
            if (lastNonZero < 0) throw new InvalidOperationException("cannot sample from a state of norm zero");
            Add(counts, lastNonZero, shots - next);
        }
        return counts;
    }

    private static void Add(Dictionary<long, int> counts, long index, int hits) =>
        counts[index] = counts.GetValueOrDefault(index) + hits;
}
