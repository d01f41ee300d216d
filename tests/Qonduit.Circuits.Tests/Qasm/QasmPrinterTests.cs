using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

public sealed class QasmPrinterTests
{
    public static TheoryData<string, QasmDialect> LibraryGates()
    {
        var data = new TheoryData<string, QasmDialect>();
        foreach (var gate in GateLibrary.All)
            foreach (var dialect in new[] { QasmDialect.OpenQasm2, QasmDialect.OpenQasm3 }) data.Add(gate.Name, dialect);
        return data;
    }

    [Theory]
    [MemberData(nameof(LibraryGates))]
    public void Every_library_gate_prints_and_parses_back_as_itself(string name, QasmDialect dialect)
    {
        var definition = GateLibrary.Get(name);
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", 5);
        var parameters = Enumerable.Range(0, definition.NumParameters).Select(i => (ParameterExpression)(0.1 + i / 3.0)).ToArray();
        builder.Gate(name, parameters, [.. Enumerable.Range(0, definition.NumQubits).Reverse()]);
        var circuit = builder.Build();
        // What qelib1/stdgates imply for this gate is the circuit's phase, so the printed text needs no extra phase.
        var phase = PhaseConventions.Implied(dialect, name, parameters, 0);
        if (phase is not null)
        {
            builder.AddGlobalPhase(phase);
            circuit = builder.Build();
        }

        Assert.Equal(circuit, QasmParser.Parse(QasmPrinter.Print(circuit, dialect)));
    }

    [Fact]
    public void Parameters_print_with_round_trip_precision()
    {
        var circuit = QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nrx(0.1 + 0.2) q;\nry(1e-300) q;\nrz(-pi/3) q;\n");
        var printed = QasmPrinter.Print(circuit, QasmDialect.OpenQasm3);
        Assert.Contains("rx(0.30000000000000004)", printed, StringComparison.Ordinal);
        Assert.Contains("ry(1.0E-300)", printed, StringComparison.Ordinal);
        Assert.Equal(circuit, QasmParser.Parse(printed));
    }

    [Fact]
    public void Symbolic_expressions_print_so_they_regroup_the_same_way()
    {
        var source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] a;\ninput float[64] b;\nqubit q;\n"
            + "U(a - (b - 1), -(a * b), (a ** 2) ** b) q;\nrx(-a ** 2 / (b + 1) * sin(a)) q;\ngphase(a / 2);\n";
        var circuit = QasmParser.Parse(source);
        Assert.Equal(circuit, QasmParser.Parse(QasmPrinter.Print(circuit, QasmDialect.OpenQasm3)));
    }

    [Fact]
    public void Openqasm_3_features_round_trip()
    {
        var source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta;\nqubit[3] q;\nbit[3] c;\n"
            + "ctrl(2) @ h q[0], q[1], q[2];\nnegctrl @ rx(theta) q[2], q[0];\ninv @ sx q[1];\nu3(0.1, 0.2, 0.3) q[0];\n"
            + "gphase(0.7);\ndelay[20ns] q[1];\nreset q[2];\nbarrier q;\nc = measure q;\nif (c == 3) { x q[0]; }\nif (c[2] == 1) z q[1];\n";
        var circuit = QasmParser.Parse(source);
        Assert.Equal(circuit, QasmParser.Parse(QasmPrinter.Print(circuit, QasmDialect.OpenQasm3)));
    }

    [Fact]
    public void Openqasm_2_refuses_what_it_cannot_express_with_a_typed_error()
    {
        Assert.Throws<QasmPrintException>(() => Print2("qubit[3] q;\nctrl(2) @ h q[0], q[1], q[2];"));
        Assert.Throws<QasmPrintException>(() => Print2("qubit q;\ndelay[10ns] q;"));
        Assert.Throws<QasmPrintException>(() => Print2("input float[64] t;\nqubit q;\nrx(t) q;"));
        var phase = Assert.Throws<QasmPrintException>(() => Print2("qubit q;\nrz(0.5) q;"));
        Assert.Equal(ErrorCodes.Qasm.NotExpressible, phase.Code);
        Assert.Contains("global phase", phase.Message, StringComparison.Ordinal);

        static string Print2(string body) =>
            QasmPrinter.Print(QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n" + body + "\n"), QasmDialect.OpenQasm2);
    }

    [Fact]
    public void Openqasm_3_rz_printed_as_openqasm_2_keeps_its_gates_when_the_phase_may_be_dropped()
    {
        var three = QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nrz(0.5) q;\n");
        var two = QasmParser.Parse(QasmPrinter.Print(three, QasmDialect.OpenQasm2, dropGlobalPhase: true));
        Assert.Equal(three.Instructions, two.Instructions);
        Assert.Equal(0.25, two.GlobalPhase.Evaluate());
    }

    [Fact]
    public void Opaque_gates_and_conditions_round_trip_in_openqasm_2()
    {
        var circuit = QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nopaque warp(a) x, y;\nqreg q[2];\ncreg c[2];\n"
            + "warp(0.5) q[0], q[1];\nmeasure q -> c;\nif(c==2) x q;\n");
        Assert.Equal(circuit, QasmParser.Parse(QasmPrinter.Print(circuit, QasmDialect.OpenQasm2)));
    }
}
