using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

public sealed class Qasm3SubsetTests
{
    private const string Header = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nbit[3] c;\n";

    private static Instruction.Gate[] Gates(string body) =>
        [.. QasmParser.Parse(Header + body).Instructions.OfType<Instruction.Gate>()];

    private static string Shape(Instruction.Gate g) => $"{g.Name} {g.Targets} {g.ControlCount}";

    [Fact]
    public void Ctrl_of_x_is_cx_and_two_controls_make_ccx()
    {
        Assert.Equal("cx [0, 1] 0", Shape(Gates("ctrl @ x q[0], q[1];")[0]));
        Assert.Equal("ccx [0, 1, 2] 0", Shape(Gates("ctrl @ cx q[0], q[1], q[2];")[0]));
        Assert.Equal("ccx [2, 0, 1] 0", Shape(Gates("ctrl(2) @ x q[2], q[0], q[1];")[0]));
        Assert.Equal("cz [1, 0] 0", Shape(Gates("ctrl @ z q[1], q[0];")[0]));
    }

    [Fact]
    public void Ctrl_of_a_gate_without_a_controlled_name_keeps_a_control_count()
    {
        var gate = Gates("ctrl(2) @ h q[0], q[1], q[2];").Single();
        Assert.Equal("h [0, 1, 2] 2", Shape(gate));
    }

    [Fact]
    public void Negctrl_surrounds_the_controlled_gate_with_x_on_the_control()
    {
        var gates = Gates("negctrl @ x q[0], q[1];");
        Assert.Equal(["x", "cx", "x"], gates.Select(g => g.Name));
        Assert.Equal([0], gates[0].Targets);
    }

    [Fact]
    public void Inv_applies_the_library_inverse_and_pow_repeats()
    {
        Assert.Equal("sdg", Gates("inv @ s q[0];").Single().Name);
        Assert.Equal(-0.5, Gates("inv @ rx(0.5) q[0];").Single().Parameters[0].Evaluate());
        Assert.Equal(["t", "t", "t"], Gates("pow(3) @ t q[0];").Select(g => g.Name));
        Assert.Equal(["tdg", "tdg"], Gates("pow(-2) @ t q[0];").Select(g => g.Name));
    }

    [Fact]
    public void Inv_of_a_user_gate_reverses_its_body()
    {
        var gates = Gates("gate g a, b { h a; cx a, b; s b; }\ninv @ g q[0], q[1];");
        Assert.Equal(["sdg", "cx", "h"], gates.Select(g => g.Name));
    }

    [Fact]
    public void Gphase_adds_to_the_global_phase_and_under_ctrl_becomes_a_phase_gate()
    {
        var circuit = QasmParser.Parse(Header + "gphase(0.25);\nctrl @ gphase(0.5) q[1];\n");
        Assert.Equal(0.25, circuit.GlobalPhase.Evaluate());
        var p = Assert.IsType<Instruction.Gate>(Assert.Single(circuit.Instructions));
        Assert.Equal("p [1] 0", Shape(p));
    }

    [Fact]
    public void Stdgates_u3_carries_its_phase_at_top_level_and_on_the_control_when_controlled()
    {
        var top = QasmParser.Parse(Header + "u3(0.1, 0.2, 0.4) q[0];\n");
        Assert.Equal(-0.3, top.GlobalPhase.Evaluate(), 12);
        var controlled = QasmParser.Parse(Header + "ctrl @ u3(0.1, 0.2, 0.4) q[0], q[1];\n");
        Assert.Equal(0.0, controlled.GlobalPhase.Evaluate());
        Assert.Equal(["p", "cu3"], controlled.Instructions.OfType<Instruction.Gate>().Select(g => g.Name));
    }

    [Fact]
    public void Inputs_are_symbolic_parameters_bound_later()
    {
        var circuit = QasmParser.Parse("OPENQASM 3;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit q;\nrx(theta / 2) q;\n");
        Assert.Equal(["theta"], circuit.InputParameters);
        var rx = Assert.IsType<Instruction.Gate>(Assert.Single(circuit.Instructions));
        Assert.False(rx.Parameters[0].IsConstant);
        var bound = circuit.Bind(new Dictionary<string, double> { ["theta"] = 1.0 });
        Assert.Equal(0.5, ((Instruction.Gate)bound.Instructions[0]).Parameters[0].Evaluate());
    }

    [Fact]
    public void Every_measurement_spelling_measures_bit_for_bit()
    {
        var circuit = QasmParser.Parse(Header + "c[0] = measure q[0];\nc = measure q;\nmeasure q[2] -> c[2];\n");
        var measures = circuit.Instructions.OfType<Instruction.Measure>().Select(m => (m.Qubit, m.Clbit));
        Assert.Equal([(0, 0), (0, 0), (1, 1), (2, 2), (2, 2)], measures);
    }

    [Fact]
    public void Reset_barrier_delay_and_if_blocks_are_parsed()
    {
        var circuit = QasmParser.Parse(Header + "reset q;\nbarrier;\ndelay[100ns] q[0];\nif (c == 5) { x q[0]; h q[1]; }\nif (c[1] == 1) z q[2];\n");
        Assert.Equal(3, circuit.Instructions.OfType<Instruction.Reset>().Count());
        Assert.Equal([0, 1, 2], circuit.Instructions.OfType<Instruction.Barrier>().Single().Targets);
        var delay = circuit.Instructions.OfType<Instruction.Delay>().Single();
        Assert.Equal(100.0, delay.DurationNs());
        var conditioned = circuit.Instructions.OfType<Instruction.Gate>().ToArray();
        Assert.All(conditioned[..2], g => Assert.Equal(new ClassicalCondition(new[] { 0, 1, 2 }, 5), g.Condition));
        Assert.Equal(new ClassicalCondition(new[] { 1 }, 1), conditioned[2].Condition);
    }

    [Fact]
    public void User_gates_expand_into_library_gates_with_substituted_parameters()
    {
        var gates = Gates("gate twist(a, b) x, y { rz(a * 2) x; cx x, y; ry(b - a) y; }\ntwist(0.25, pi) q[2], q[0];");
        Assert.Equal(["rz", "cx", "ry"], gates.Select(g => g.Name));
        Assert.Equal(0.5, gates[0].Parameters[0].Evaluate());
        Assert.Equal([2, 0], gates[1].Targets);
        Assert.Equal(Math.PI - 0.25, gates[2].Parameters[0].Evaluate(), 15);
    }

    [Fact]
    public void Pi_and_unicode_constants_and_functions_evaluate()
    {
        var gate = Gates("U(π/2, τ - 2*pi, sqrt(4) * ln(euler) + sin(0) ** 2) q[0];").Single();
        Assert.Equal([Math.PI / 2, 0, 2], gate.Parameters.Select(p => p.Evaluate()));
        Assert.Equal("u", gate.Name);
    }

    [Fact]
    public void A_definition_equal_to_a_library_gate_is_that_gate()
    {
        var gates = Gates("gate rzz(t) a, b { cx a, b; rz(t) b; cx a, b; }\nrzz(0.3) q[0], q[1];");
        Assert.Equal("rzz [0, 1] 0", Shape(gates.Single()));
        var different = Gates("gate rxx(t) a, b { cx a, b; rz(t) b; cx a, b; }\nrxx(0.3) q[0], q[1];");
        Assert.Equal(["cx", "rz", "cx"], different.Select(g => g.Name));
    }
}
