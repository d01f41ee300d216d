using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Tests.Synthesis;

public sealed class UnrollerTests
{
    public static TheoryData<string, int> LibraryGates()
    {
        var data = new TheoryData<string, int>();
        foreach (var gate in GateLibrary.All)
            for (var controls = 0; controls <= (gate.NumQubits <= 3 ? 2 : 1); controls++) data.Add(gate.Name, controls);
        return data;
    }

    [Theory]
    [MemberData(nameof(LibraryGates))]
    public void Every_library_gate_and_its_controlled_forms_unroll_exactly_to_1q_gates_and_cx(string name, int controls)
    {
        var definition = GateLibrary.Get(name);
        var random = new Random(name.Length * 31 + controls);
        var parameters = Enumerable.Range(0, definition.NumParameters).Select(_ => (ParameterExpression)(random.NextDouble() * 6 - 3)).ToArray();
        var n = definition.NumQubits + controls;
        // Arguments in a scrambled order, so that argument order mistakes show.
        var qubits = Enumerable.Range(0, n).Reverse().ToArray();
        var gate = new Instruction.Gate(name, qubits, parameters, controls);

        var sink = new GateSink();
        Unroller.Unroll(gate, sink);

        var pieces = sink.Instructions.Cast<Instruction.Gate>().ToList();
        Assert.All(pieces, p => Assert.True(p.Targets.Count == 1 || p.Name == "cx", $"{p.Name} left over"));
        Assert.All(pieces, p => Assert.Equal(0, p.ControlCount));
        var expected = MatrixMath.Embed(GateLibrary.Matrix(gate), qubits, n);
        var actual = MatrixMath.Identity(1 << n);
        foreach (var p in pieces) actual = MatrixMath.Multiply(MatrixMath.Embed(GateLibrary.Matrix(p), p.Targets.AsSpan(), n), actual);
        var phase = Complex.FromPolarCoordinates(1, sink.GlobalPhase);
        Assert.True(MatrixMath.ApproximatelyEqual(actual.Select(v => v * phase).ToArray(), expected, 1e-9), $"{name} with {controls} controls");
    }

    [Fact]
    public void An_unbound_parameter_is_a_typed_error()
    {
        var gate = new Instruction.Gate("crx", new[] { 0, 1 }, new ParameterExpression[] { new ParameterExpression.Symbol("theta") });
        var error = Assert.Throws<TranspileException>(() => Unroller.Unroll(gate, new GateSink()));
        Assert.Equal("transpile.unbound-parameter", error.Code);
    }
}
