using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Transpiler.Passes;

namespace Qonduit.Transpiler.Tests.Passes;

public sealed class TranslateAndDirectionTests
{
    /// <summary>A two-qubit line whose only coupler runs 1 → 0 with the given gate.</summary>
    private static DeviceSnapshot OneWay(string gate) => new()
    {
        Device = "one-way",
        NativeGates = ["rz", "sx", "x", gate],
        Qubits = [new QubitCalibration { Index = 0 }, new QubitCalibration { Index = 1 }],
        Couplers = [new Coupler { Control = 1, Target = 0, Gate = gate }],
    };

    [Theory]
    [InlineData("ecr")]
    [InlineData("cx")]
    [InlineData("cz")]
    public void Translate_then_fix_direction_gives_native_gates_on_the_coupler_direction_only(string gate)
    {
        var circuit = PassTestKit.Build(2, b => b.Gate("h", 0).Gate("cx", 0, 1).Gate("swap", 0, 1).Gate("ry", [0.4], 1).Gate("cx", 1, 0));
        var context = PassTestKit.Context(circuit, OneWay(gate));

        new TranslatePass().Run(context);
        new FixDirectionPass().Run(context);

        foreach (var g in context.Instructions.Cast<Instruction.Gate>())
        {
            if (g.Targets.Count == 2) Assert.Equal([1, 0], g.Targets.ToArray());
            Assert.Contains(g.Name, new[] { "rz", "sx", "x", gate });
        }
        Assert.True(MatrixMath.ApproximatelyEqual(
            PassTestKit.Unitary(context.Instructions, 2, context.GlobalPhase), PassTestKit.Unitary(circuit.Instructions, 2), 1e-9));
    }

    [Fact]
    public void A_device_without_rz_and_sx_is_a_typed_error()
    {
        var device = OneWay("cz") with { NativeGates = ["u3", "cz"] };
        var context = PassTestKit.Context(PassTestKit.Build(1, b => b.Gate("h", 0)), device);

        var error = Assert.Throws<TranspileException>(() => new TranslatePass().Run(context));

        Assert.Equal("transpile.unsupported-native-set", error.Code);
    }
}
