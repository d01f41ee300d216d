using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Tests.Passes;

/// <summary>Runs single passes on small circuits and compares unitaries exactly (global phase included).</summary>
internal static class PassTestKit
{
    public static TranspileContext Context(Circuit circuit, DeviceSnapshot device, TranspileOptions? options = null) =>
        new(circuit, device, options ?? TranspileOptions.Default);

    public static Complex[] Unitary(IEnumerable<Instruction> instructions, int qubits, double phase = 0)
    {
        var u = MatrixMath.Identity(1 << qubits);
        foreach (var gate in instructions.Cast<Instruction.Gate>())
            u = MatrixMath.Multiply(MatrixMath.Embed(GateLibrary.Matrix(gate), gate.Targets.AsSpan(), qubits), u);
        var factor = Complex.FromPolarCoordinates(1, phase);
        return [.. u.Select(v => v * factor)];
    }

    public static Circuit Build(int qubits, Action<CircuitBuilder> body)
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", qubits);
        builder.AddClassicalRegister("c", qubits);
        body(builder);
        return builder.Build();
    }
}
