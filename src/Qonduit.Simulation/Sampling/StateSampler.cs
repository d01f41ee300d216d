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
        var buffer = new double[chunkLength];
        var next = 0;
        var running = 0.0;
        for (long c = 0; c < chunks.Length && next < shots; c++)
        {
            var end = running + chunks[c];
            // Every uniform below this chunk's end (and the remainder at the last chunk) falls inside it.
            if (uniforms[next] * total >= end && c < chunks.Length - 1)
            {
                running = end;
                continue;
            }
            state.Probabilities(c * chunkLength, buffer);
            var lastNonZero = -1;
            for (var i = 0; i < chunkLength && next < shots; i++)
            {
                if (buffer[i] == 0) continue;
                lastNonZero = i;
                running += buffer[i];
                var hit = 0;
                while (next < shots && uniforms[next] * total < running) { next++; hit++; }
                if (hit > 0) Add(counts, c * chunkLength + i, hit);
            }
            if (c == chunks.Length - 1 && next < shots)
            {
                // Rounding left the running sum a hair below the total: the remainder belongs to the last non-zero amplitude.
                var index = lastNonZero >= 0 ? c * chunkLength + lastNonZero : LastNonZeroIndex(counts);
                Add(counts, index, shots - next);
                next = shots;
            }
            running = end;
        }
        return counts;
    }

    private static void Add(Dictionary<long, int> counts, long index, int hits) =>
        counts[index] = counts.GetValueOrDefault(index) + hits;

    private static long LastNonZeroIndex(Dictionary<long, int> counts) => counts.Count == 0 ? 0 : counts.Keys.Max();
}
