using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

public sealed class QasmErrorTests
{
    private const string Header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\n";

    private static QasmException Fails(string source, string code, int line, int column)
    {
        var error = Assert.ThrowsAny<QasmException>(() => QasmParser.Parse(source, "t.qasm"));
        Assert.Equal(code, error.Code);
        Assert.Equal(("t.qasm", line, column), (error.Location.File, error.Location.Line, error.Location.Column));
        Assert.StartsWith($"t.qasm:{line}:{column}: ", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void Unknown_gate_is_reported_where_it_is_called()
    {
        var e = Fails(Header + "h q[0];\n  foo q[1];\n", ErrorCodes.Qasm.UnknownGate, 6, 3);
        Assert.Contains("'foo'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_qelib1_gate_without_the_include_says_to_add_it()
    {
        var e = Fails("OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", ErrorCodes.Qasm.UnknownGate, 3, 1);
        Assert.Contains("include \"qelib1.inc\"", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_parameter_count_is_reported() => Fails(Header + "rx q[0];\n", ErrorCodes.Qasm.GateArity, 5, 1);

    [Fact]
    public void Wrong_qubit_count_is_reported() => Fails(Header + "x q[0];\ncx q[0];\n", ErrorCodes.Qasm.GateArity, 6, 1);

    [Fact]
    public void Undeclared_register_is_reported_at_the_operand() => Fails(Header + "h r[0];\n", ErrorCodes.Qasm.UnknownName, 5, 3);

    [Fact]
    public void Out_of_range_index_is_reported_at_the_operand()
    {
        var e = Fails(Header + "cx q[0], q[2];\n", ErrorCodes.Qasm.OutOfRange, 5, 10);
        Assert.Contains("size 2", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Broadcast_over_registers_of_different_sizes_is_reported() =>
        Fails("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg a[2];\nqreg b[3];\ncx a, b;\n", ErrorCodes.Qasm.BroadcastMismatch, 5, 1);

    [Fact]
    public void Measure_between_registers_of_different_sizes_is_reported() =>
        Fails("OPENQASM 2.0;\nqreg q[2];\ncreg c[3];\nmeasure q -> c;\n", ErrorCodes.Qasm.BroadcastMismatch, 4, 1);

    [Fact]
    public void Missing_semicolon_points_at_the_end_of_the_statement()
    {
        var e = Fails(Header + "h q[0]\ncx q[0], q[1];\n", ErrorCodes.Qasm.Syntax, 5, 7);
        Assert.Contains("missing ';'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Illegal_character_is_reported_where_it_is() => Fails(Header + "h q[0]; ? \n", ErrorCodes.Qasm.Syntax, 5, 9);

    [Fact]
    public void Redefinition_of_a_register_names_the_first_declaration()
    {
        var e = Fails(Header + "qreg q[3];\n", ErrorCodes.Qasm.Redefinition, 5, 1);
        Assert.Contains("t.qasm:3:1", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Redefinition_of_a_qelib1_gate_is_reported() =>
        Fails(Header + "gate h a { U(pi/2,0,pi) a; }\n", ErrorCodes.Qasm.Redefinition, 5, 1);

    [Fact]
    public void Redefinition_of_a_user_gate_is_reported() =>
        Fails(Header + "gate g a { x a; }\ngate g a { y a; }\n", ErrorCodes.Qasm.Redefinition, 6, 1);

    [Fact]
    public void An_opaque_gate_can_be_called_but_not_inverted()
    {
        var circuit = QasmParser.Parse(Header + "opaque magic(t) a, b;\nmagic(0.5) q[0], q[1];\n");
        Assert.Equal(["magic"], circuit.OpaqueGates);
        Fails("OPENQASM 3.0;\nqubit[1] q;\nopaque o a;\ninv @ o q[0];\n", ErrorCodes.Qasm.Semantic, 4, 1);
    }

    [Fact]
    public void Recursive_include_is_reported_with_the_cycle()
    {
        var folder = Directory.CreateTempSubdirectory("qasm-include");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "a.inc"), "include \"b.inc\";\n");
            File.WriteAllText(Path.Combine(folder.FullName, "b.inc"), "gate g q { U(0,0,0) q; }\n  include \"a.inc\";\n");
            var main = Path.Combine(folder.FullName, "main.qasm");
            File.WriteAllText(main, "OPENQASM 2.0;\ninclude \"a.inc\";\n");
            var e = Assert.Throws<QasmException>(() => QasmParser.ParseFile(main));
            Assert.Equal(ErrorCodes.Qasm.Include, e.Code);
            Assert.Equal((Path.Combine(folder.FullName, "b.inc"), 2, 3), (e.Location.File, e.Location.Line, e.Location.Column));
            Assert.Contains("a.inc -> b.inc -> a.inc", e.Reason, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_included_file_resolves_relative_to_the_including_file()
    {
        var folder = Directory.CreateTempSubdirectory("qasm-include");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "lib"));
            File.WriteAllText(Path.Combine(folder.FullName, "lib", "mine.inc"), "gate flip a { x a; }\n");
            var main = Path.Combine(folder.FullName, "main.qasm");
            File.WriteAllText(main, "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ninclude \"lib/mine.inc\";\nqreg q[1];\nflip q[0];\n");
            Assert.Equal("x", Assert.IsType<Circuits.Ir.Instruction.Gate>(Assert.Single(QasmParser.ParseFile(main).Instructions)).Name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_parameter_in_a_gate_body_is_reported() =>
        Fails(Header + "gate g(a) q {\n  rx(b) q;\n}\n", ErrorCodes.Qasm.UnknownName, 6, 6);

    [Fact]
    public void A_repeated_qubit_in_one_gate_is_reported() => Fails(Header + "cx q[1], q[1];\n", ErrorCodes.Qasm.Semantic, 5, 1);

    [Fact]
    public void A_condition_value_that_cannot_fit_the_register_is_reported() =>
        Fails(Header + "if(c==4) x q[0];\n", ErrorCodes.Qasm.OutOfRange, 5, 1);

    [Theory]
    [InlineData("for uint i in [0:2] { x q[0]; }", "for loop")]
    [InlineData("while (true) { x q[0]; }", "while loop")]
    [InlineData("def f(qubit a) { x a; }", "subroutine")]
    [InlineData("int i = 3;", "integer variable")]
    [InlineData("c[0] = 1;", "classical assignment")]
    [InlineData("c += 1;", "classical assignment")]
    public void Openqasm_3_outside_the_subset_is_rejected_naming_the_construct(string statement, string named)
    {
        var e = Fails("OPENQASM 3.0;\nqubit[1] q;\nbit[1] c;\n" + statement + "\n", ErrorCodes.Qasm.Unsupported, 4, e_column(statement));
        Assert.Contains(named, e.Reason, StringComparison.Ordinal);

        static int e_column(string s) => s.StartsWith("c[0]", StringComparison.Ordinal) ? 8 : s.StartsWith("c +=", StringComparison.Ordinal) ? 3 : 1;
    }
}
