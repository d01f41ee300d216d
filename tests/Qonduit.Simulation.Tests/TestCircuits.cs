using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;

namespace Qonduit.Simulation.Tests;

/// <summary>Small circuits built in code for the engine's tests.</summary>
internal static class TestCircuits
{
    public static Circuit Ghz(int n, bool measure = true)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        if (measure) b.AddClassicalRegister("c", n);
        b.Gate("h", 0);
        for (var q = 1; q < n; q++) b.Gate("cx", q - 1, q);
        if (measure) for (var q = 0; q < n; q++) b.Measure(q, q);
        return b.Build();
    }

    /// <summary>The textbook QFT (Hadamards and controlled phases, no final swaps) on |x⟩, then measured.</summary>
    public static Circuit Qft(int n, int x, bool inverseAfter = false)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        b.AddClassicalRegister("c", n);
        for (var q = 0; q < n; q++) if ((x >> q & 1) != 0) b.Gate("x", q);
        var steps = new List<(string Gate, double Angle, int[] Qubits)>();
        for (var target = n - 1; target >= 0; target--)
        {
            steps.Add(("h", 0, [target]));
            for (var control = target - 1; control >= 0; control--)
                steps.Add(("cp", Math.PI / (1 << (target - control)), [control, target]));
        }
        foreach (var (gate, angle, qubits) in steps) Add(b, gate, angle, qubits);
        if (inverseAfter)
            foreach (var (gate, angle, qubits) in Enumerable.Reverse(steps)) Add(b, gate, -angle, qubits);
        for (var q = 0; q < n; q++) b.Measure(q, q);
        return b.Build();
    }

    /// <summary>A random circuit over 1-, 2- and 3-qubit library gates.</summary>
    public static Circuit Random(int n, int gates, int seed)
    {
        var random = new Random(seed);
        string[] one = ["h", "x", "y", "z", "s", "t", "sx", "rx", "ry", "rz", "p", "u"];
        string[] two = ["cx", "cz", "swap", "cp", "crz", "rzz", "ch", "cu", "iswap", "ecr", "rxx"];
        string[] three = ["ccx", "cswap"];
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        for (var g = 0; g < gates; g++)
        {
            var roll = random.Next(10);
            var name = roll < 5 ? one[random.Next(one.Length)] : roll < 9 ? two[random.Next(two.Length)] : three[random.Next(three.Length)];
            var definition = Qonduit.Circuits.Gates.GateLibrary.Get(name);
            var qubits = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(definition.NumQubits).ToArray();
            var parameters = Enumerable.Range(0, definition.NumParameters).Select(_ => (ParameterExpression)(random.NextDouble() * 6 - 3)).ToArray();
            b.Gate(name, parameters, qubits);
        }
        return b.Build();
    }

    private static void Add(CircuitBuilder b, string gate, double angle, int[] qubits)
    {
        if (gate == "h") b.Gate("h", qubits);
        else b.Gate(gate, [angle], qubits);
    }
}
