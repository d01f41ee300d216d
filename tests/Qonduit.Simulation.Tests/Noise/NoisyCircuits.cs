using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Tests.Noise;

/// <summary>Native-gate circuits for noise tests, and distances between outcome distributions.</summary>
internal static class NoisyCircuits
{
    /// <summary>A three-qubit circuit of sx, x, rz and cz on a line, measured in full.</summary>
    public static Circuit Entangling()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 3);
        b.AddClassicalRegister("c", 3);
        b.Gate("sx", 0).Gate("cz", 0, 1).Gate("sx", 1).Gate("cz", 1, 2).Gate("x", 2).Gate("sx", 0)
            .Gate("rz", [ParameterExpression.Of(0.3)], 1).Gate("sx", 1).Gate("sx", 2).Gate("cz", 2, 1);
        for (var q = 0; q < 3; q++) b.Measure(q, q);
        return b.Build();
    }

    public static double TotalVariation(IReadOnlyDictionary<string, int> counts, IReadOnlyDictionary<string, double> probabilities)
    {
        var shots = (double)counts.Values.Sum();
        return 0.5 * counts.Keys.Union(probabilities.Keys)
            .Sum(k => Math.Abs(counts.GetValueOrDefault(k) / shots - probabilities.GetValueOrDefault(k)));
    }

    public static double TotalVariation(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var na = (double)a.Values.Sum();
        var nb = (double)b.Values.Sum();
        return 0.5 * a.Keys.Union(b.Keys).Sum(k => Math.Abs(a.GetValueOrDefault(k) / na - b.GetValueOrDefault(k) / nb));
    }

    /// <summary>A bound on the sampling TV distance of N shots over k outcomes: a few times √(k/N) / 2.</summary>
    public static double SamplingBound(int outcomes, int shots) => 2 * Math.Sqrt((double)outcomes / shots);
}
