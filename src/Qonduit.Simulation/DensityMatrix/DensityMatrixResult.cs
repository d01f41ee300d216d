using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.DensityMatrix;

/// <summary>The exact outcome of a density-matrix run: one unnormalised ρ per value of the classical bits.</summary>
public sealed class DensityMatrixResult(ExecutionPlan plan, IReadOnlyDictionary<ulong, DensityOperator> branches)
{
    public ExecutionPlan Plan { get; } = plan;

    /// <summary>Probability of each classical outcome, as Qiskit-ordered count keys; outcomes of probability zero are left out.</summary>
    public IReadOnlyDictionary<string, double> Probabilities { get; } = branches
        .Select(b => (Key: Format(plan, b.Key), P: b.Value.Trace()))
        .Where(b => b.P > 0)
        .ToDictionary(b => b.Key, b => b.P, StringComparer.Ordinal);

    /// <summary>The final state averaged over classical outcomes: Σ over branches of ρ.</summary>
    public DensityOperator State()
    {
        var sum = DensityOperator.Zero(Plan.NumQubits);
        foreach (var rho in branches.Values) sum.Add(rho, 1);
        return sum;
    }

    /// <summary>Draws <paramref name="shots"/> outcomes from <see cref="Probabilities"/> with <see cref="Xoshiro256"/>, keys in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> SampleCounts(int shots, ulong seed)
    {
        var keys = Probabilities.Keys.Order(StringComparer.Ordinal).ToArray();
        var cumulative = new double[keys.Length];
        var total = 0.0;
        for (var i = 0; i < keys.Length; i++) cumulative[i] = total += Probabilities[keys[i]];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var rng = new Xoshiro256(seed);
        for (var shot = 0; shot < shots; shot++)
        {
            var index = Array.BinarySearch(cumulative, rng.NextDouble() * total);
            index = Math.Min(index < 0 ? ~index : index + 1, keys.Length - 1);
            counts[keys[index]] = counts.GetValueOrDefault(keys[index]) + 1;
        }
        return counts;
    }

    private static string Format(ExecutionPlan plan, ulong clbits)
    {
        var bits = new bool[plan.NumClbits];
        for (var i = 0; i < bits.Length; i++) bits[i] = (clbits >> i & 1) == 1;
        return plan.CountKeys.Format(bits);
    }
}
