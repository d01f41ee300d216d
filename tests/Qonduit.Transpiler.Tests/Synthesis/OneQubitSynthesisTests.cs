using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Tests.Synthesis;

public sealed class OneQubitSynthesisTests
{
    public static TheoryData<string, double[]> Unitaries => new()
    {
        { "h", [] }, { "x", [] }, { "y", [] }, { "z", [] }, { "s", [] }, { "t", [] }, { "sx", [] }, { "sxdg", [] }, { "id", [] },
        { "rx", [0.3] }, { "ry", [2.1] }, { "rz", [-1.2] }, { "u3", [1.1, 2.2, -0.4] }, { "u3", [Math.PI, 0.3, 0.9] },
        { "u3", [Math.PI / 2, 0.3, 0.9] }, { "u2", [0.5, 1.5] }, { "p", [Math.PI] }, { "rz", [2 * Math.PI] },
    };

    [Theory]
    [MemberData(nameof(Unitaries))]
    public void Any_single_qubit_gate_becomes_rz_sx_x_with_the_exact_phase(string name, double[] parameters)
    {
        var target = GateLibrary.Get(name).Matrix(parameters);
        var sink = new GateSink();
        OneQubitSynthesis.Emit(target, 0, sink);

        var gates = sink.Instructions.Cast<Instruction.Gate>().ToList();
        Assert.All(gates, g => Assert.Contains(g.Name, NativeTarget.OneQubitBasis));
        Assert.True(gates.Count(g => g.Name == "sx") <= 2);
        Assert.True(gates.Count <= 5);
        var product = gates.Aggregate((Complex[])[1, 0, 0, 1], (m, g) => Unitary2.Mul(GateLibrary.Matrix(g), m));
        Assert.True(MatrixMath.ApproximatelyEqual(Unitary2.Scale(product, Complex.FromPolarCoordinates(1, sink.GlobalPhase)), target, 1e-9));
    }

    [Fact]
    public void Random_unitaries_need_at_most_two_sx()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var target = Unitary2.Mul(GateLibrary.Get("u3").Matrix([random.NextDouble() * 4, random.NextDouble() * 7, random.NextDouble() * 7]),
                Unitary2.Scale([1, 0, 0, 1], Complex.FromPolarCoordinates(1, random.NextDouble() * 6)));
            var sink = new GateSink();
            OneQubitSynthesis.Emit(target, 0, sink);
            var product = sink.Instructions.Cast<Instruction.Gate>().Aggregate((Complex[])[1, 0, 0, 1], (m, g) => Unitary2.Mul(GateLibrary.Matrix(g), m));
            Assert.True(MatrixMath.ApproximatelyEqual(Unitary2.Scale(product, Complex.FromPolarCoordinates(1, sink.GlobalPhase)), target, 1e-9));
            Assert.True(sink.Instructions.Count(i => i is Instruction.Gate { Name: "sx" }) <= 2);
        }
    }

    [Fact]
    public void A_diagonal_unitary_is_a_single_rz()
    {
        var sink = new GateSink();
        OneQubitSynthesis.Emit(GateLibrary.Get("t").Matrix([]), 3, sink);
        var gate = Assert.IsType<Instruction.Gate>(Assert.Single(sink.Instructions));
        Assert.Equal("rz", gate.Name);
        Assert.Equal(3, gate.Targets[0]);
    }
}
