using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Admission;
using Qonduit.Devices.Snapshots;

namespace Qonduit.Transpiler.Tests.Verification;

/// <summary>
/// Asserts that a transpiled circuit does what its source does: the same distribution of classical outcomes, and, when
/// no measurement splits the run, the same final state up to a global phase once the final permutation is undone
/// (every qubit that holds no logical qubit back in |0⟩). Also asserts admissibility on the device.
/// </summary>
internal static class Equivalence
{
    public const double Tolerance = 1e-6;

    public static void AssertEquivalent(Circuit source, TranspileResult result, DeviceSnapshot device)
    {
        var report = Admissibility.Check(result.Circuit, device);
        Assert.True(report.IsAdmissible, string.Join("\n", report.Violations.Take(5)));

        var expected = ReferenceSimulator.Run(source);
        var actual = ReferenceSimulator.Run(result.Circuit);
        foreach (var key in expected.Distribution.Keys.Union(actual.Distribution.Keys))
        {
            var (p, q) = (expected.Distribution.GetValueOrDefault(key), actual.Distribution.GetValueOrDefault(key));
            Assert.True(Math.Abs(p - q) < Tolerance, $"P({Convert.ToString((long)key, 2)}) is {q} after transpiling, {p} before");
        }
        if (expected.States.Count == 1 && actual.States.Count == 1)
            AssertSameState(expected, actual, result.FinalPermutation);
    }

    private static void AssertSameState(ReferenceSimulator.Outcome expected, ReferenceSimulator.Outcome actual, IReadOnlyList<int> final)
    {
        var logicalAt = new Dictionary<int, int>();
        foreach (var (logical, compact) in expected.Compact)
        {
            Assert.True(actual.Compact.TryGetValue(final[logical], out var physical), $"logical qubit {logical} ends on untouched physical {final[logical]}");
            logicalAt[physical] = compact;
        }
        var a = expected.States[0];
        var b = actual.States[0];
        int LogicalIndex(int index)
        {
            var logicalIndex = 0;
            for (var bit = 0; bit < actual.Compact.Count; bit++)
            {
                if (((index >> bit) & 1) == 0) continue;
                if (!logicalAt.TryGetValue(bit, out var l)) return -1;
                logicalIndex |= 1 << l;
            }
            return logicalIndex;
        }

        var pivot = 0;
        for (var i = 1; i < a.Length; i++) if (a[i].Magnitude > a[pivot].Magnitude) pivot = i;
        var pivotIndex = Enumerable.Range(0, b.Length).First(i => LogicalIndex(i) == pivot);
        var phase = b[pivotIndex] / a[pivot];
        Assert.True(Math.Abs(phase.Magnitude - 1) < Tolerance, $"norm differs: {phase.Magnitude}");
        for (var index = 0; index < b.Length; index++)
        {
            var logical = LogicalIndex(index);
            var want = logical < 0 ? Complex.Zero : a[logical] * phase;
            Assert.True((b[index] - want).Magnitude < Tolerance, $"amplitude {index}: {b[index]} after transpiling, {want} expected");
        }
    }

    /// <summary>The circuit with a seeded random u3 on every qubit first, so that it is checked on a generic input.</summary>
    public static Circuit WithRandomInputs(Circuit circuit, int seed)
    {
        var random = new Random(seed);
        var prefix = Enumerable.Range(0, circuit.NumQubits).Select(q => (Instruction)new Instruction.Gate("u3", new[] { q },
            new ParameterExpression[] { random.NextDouble() * Math.PI, random.NextDouble() * 2 * Math.PI, random.NextDouble() * 2 * Math.PI }));
        return circuit with { Instructions = prefix.Concat(circuit.Instructions).ToArray() };
    }
}
