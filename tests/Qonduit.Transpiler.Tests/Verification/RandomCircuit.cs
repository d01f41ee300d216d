using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Transpiler.Tests.Verification;

/// <summary>Seeded random circuits over the whole gate library, `ctrl @` forms included, ending in measurements.</summary>
internal static class RandomCircuit
{
    public static Circuit Generate(int seed, int qubits, int gates, bool midCircuitMeasurement = false)
    {
        var random = new Random(seed);
        var library = GateLibrary.All.Where(g => g.NumQubits <= Math.Min(qubits, 4)).ToArray();
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", qubits);
        builder.AddClassicalRegister("c", qubits);
        for (var i = 0; i < gates; i++)
        {
            var definition = library[random.Next(library.Length)];
            var controls = definition.NumQubits < qubits && random.Next(8) == 0 ? 1 : 0;
            var targets = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(definition.NumQubits + controls).ToArray();
            var parameters = Enumerable.Range(0, definition.NumParameters).Select(_ => (ParameterExpression)(random.NextDouble() * 6 - 3)).ToArray();
            builder.Add(new Instruction.Gate(definition.Name, targets, parameters, controls));
            if (midCircuitMeasurement && i == gates / 2)
            {
                builder.Measure(0, 0);
                builder.Add(new Instruction.Gate("x", new[] { 1 }, EquatableArray<ParameterExpression>.Empty) { Condition = new ClassicalCondition(new[] { 0 }, 1) });
            }
        }
        for (var q = 0; q < qubits; q++) builder.Measure(q, qubits - 1 - q);
        return builder.Build();
    }
}
