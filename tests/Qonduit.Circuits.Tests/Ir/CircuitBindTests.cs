using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Ir;

public sealed class CircuitBindTests
{
    private static readonly Circuit Parameterized =
        QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] t;\nqubit q;\nh q;\nrz(2 * t) q;\nrx(1 / t) q;\n");

    [Theory]
    [InlineData(double.NaN, "parameter 1 of 'rz' (instruction 1, line 6)")]
    [InlineData(double.PositiveInfinity, "parameter 1 of 'rz' (instruction 1, line 6)")]
    [InlineData(0.0, "parameter 1 of 'rx' (instruction 2, line 7)")]
    public void A_bound_value_that_makes_a_parameter_non_finite_is_refused_naming_the_instruction(double value, string where)
    {
        var e = Assert.Throws<NonFiniteParameterException>(() => Parameterized.Bind(new Dictionary<string, double> { ["t"] = value }));
        Assert.Equal(ErrorCodes.Qasm.NonFiniteParameter, e.Code);
        Assert.Contains(where, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_finite_value_binds() =>
        Assert.False(Parameterized.Bind(new Dictionary<string, double> { ["t"] = 2 }).IsParameterized);
}
