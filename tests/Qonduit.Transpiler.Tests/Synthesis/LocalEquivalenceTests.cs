using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Tests.Synthesis;

public sealed class LocalEquivalenceTests
{
    [Theory]
    [InlineData("cz")]
    [InlineData("ecr")]
    [InlineData("cx")]
    public void Cx_is_built_exactly_from_any_native_two_qubit_gate(string native)
    {
        var e = LocalEquivalence.CxFrom(native);

        Assert.NotNull(e);
        Assert.True(MatrixMath.ApproximatelyEqual(Compose(e, GateLibrary.Get(native).Matrix([])), GateLibrary.Get("cx").Matrix([]), 1e-9));
    }

    [Theory]
    [InlineData("ecr")]
    [InlineData("cx")]
    [InlineData("cz")]
    public void A_native_gate_is_reversed_exactly_with_single_qubit_corrections(string native)
    {
        var e = LocalEquivalence.Reversed(native);
        var m = GateLibrary.Get(native).Matrix([]);

        Assert.NotNull(e);
        Assert.True(MatrixMath.ApproximatelyEqual(Compose(e, LocalEquivalence.SwapArguments(m)), m, 1e-9));
    }

    [Fact]
    public void Iswap_is_not_one_cx_and_is_reported_as_such()
    {
        Assert.Null(LocalEquivalence.CxFrom("iswap"));
    }

    private static Complex[] Compose(LocalEquivalence e, Complex[] native)
    {
        var pre = LocalEquivalence.Kron(e.B, e.A);
        var post = LocalEquivalence.Kron(e.D, e.C);
        var phase = Complex.FromPolarCoordinates(1, e.Phase);
        return [.. MatrixMath.Multiply(post, MatrixMath.Multiply(native, pre)).Select(v => v * phase)];
    }
}
