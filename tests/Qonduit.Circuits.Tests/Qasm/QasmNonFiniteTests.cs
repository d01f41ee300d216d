using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

/// <summary>A parameter that folds to NaN or an infinity is refused, naming the gate and its line.</summary>
public sealed class QasmNonFiniteTests
{
    [Theory]
    [InlineData("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrz(0/0) q[0];\n", "NaN")]
    [InlineData("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrz(1e308*1e308) q[0];\n", "Infinity")]
    [InlineData("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nrx(-1e400) q;\n", "-Infinity")]
    [InlineData("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nry(ln(0)) q;\n", "-Infinity")]
    [InlineData("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\ngphase(sqrt(-1));\n", "NaN")]
    public void A_non_finite_constant_is_refused_at_its_line(string source, string shown)
    {
        var e = Assert.Throws<QasmException>(() => QasmParser.Parse(source, "evil.qasm"));
        Assert.Equal(ErrorCodes.Qasm.NonFiniteParameter, e.Code);
        Assert.Equal(4, e.Location.Line);
        Assert.Contains(shown, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_finite_value_reached_through_a_definition_is_refused_at_the_call()
    {
        var e = Assert.Throws<QasmException>(() => QasmParser.Parse(
            "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\ngate g(t) a { rz(t / 0) a; }\ng(1) q;\n", "evil.qasm"));
        Assert.Equal(ErrorCodes.Qasm.NonFiniteParameter, e.Code);
        Assert.Equal(5, e.Location.Line);
        Assert.Contains("'rz' (from 'g')", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symbolic_parameter_with_a_non_finite_constant_is_refused() =>
        Assert.Equal(ErrorCodes.Qasm.NonFiniteParameter, Assert.Throws<QasmException>(() => QasmParser.Parse(
            "OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] t;\nqubit q;\nrz(t + 1e308 * 10) q;\n")).Code);

    [Fact]
    public void A_non_finite_delay_is_refused() =>
        Assert.Equal(ErrorCodes.Qasm.NonFiniteParameter, Assert.Throws<QasmException>(() => QasmParser.Parse(
            "OPENQASM 3.0;\nqubit q;\ndelay[1e400ns] q;\n")).Code);
}
