using System.Numerics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;

namespace Qonduit.Circuits.Tests.Gates;

public sealed class GateLibraryTests
{
    private static readonly string[] Qelib1Gates =
    [
        "u3", "u2", "u1", "cx", "id", "u0", "u", "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "rx", "ry", "rz", "sx", "sxdg",
        "cz", "cy", "swap", "ch", "ccx", "cswap", "crx", "cry", "crz", "cu1", "cp", "cu3", "csx", "cu", "rxx", "rzz", "rccx", "rc3x",
        "c3x", "c3sqrtx", "c4x",
    ];

    private static readonly string[] Stdgates =
    [
        "p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "cx", "cy", "cz", "cp", "crx", "cry", "crz", "ch",
        "swap", "ccx", "cswap", "cu", "CX", "phase", "cphase", "id", "u1", "u2", "u3", "U",
    ];

    public static TheoryData<string> AllGates() => [.. GateLibrary.All.Select(g => g.Name)];

    [Fact]
    public void Every_gate_of_qelib1_and_stdgates_plus_ecr_and_iswap_is_in_the_library()
    {
        var missing = Qelib1Gates.Concat(Stdgates).Append("ecr").Append("iswap").Where(n => !GateLibrary.TryGet(n, out _));
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(AllGates))]
    public void Every_gate_matrix_is_unitary(string name)
    {
        var gate = GateLibrary.Get(name);
        Assert.True(MatrixMath.IsUnitary(gate.Matrix(SampleParameters(gate.NumParameters))), $"{name} is not unitary");
    }

    [Theory]
    [MemberData(nameof(AllGates))]
    public void Gate_times_its_inverse_is_the_identity(string name)
    {
        var gate = GateLibrary.Get(name);
        var parameters = SampleParameters(gate.NumParameters).Select(v => (ParameterExpression)v).ToArray();
        var arguments = Enumerable.Range(0, gate.NumQubits).ToArray();
        var forward = new GateApplication(name, parameters, arguments);
        var product = GateLibrary.Product(gate.NumQubits, [forward, .. gate.Inverse(parameters)]);
        Assert.True(MatrixMath.ApproximatelyEqual(product, MatrixMath.Identity(1 << gate.NumQubits)), $"{name}·inverse ≠ I");
    }

    [Theory]
    [MemberData(nameof(AllGates))]
    public void Declared_structure_matches_the_matrix(string name)
    {
        var gate = GateLibrary.Get(name);
        var m = gate.Matrix(SampleParameters(gate.NumParameters));
        var d = 1 << gate.NumQubits;
        if (gate.Structure == GateStructure.Diagonal)
            Assert.All(Enumerable.Range(0, d * d).Where(i => i / d != i % d), i => Assert.Equal(Complex.Zero, m[i]));
        if (gate.Structure == GateStructure.Permutation)
            Assert.All(m, v => Assert.True(v == Complex.Zero || v == Complex.One));
    }

    [Fact]
    public void Cx_is_little_endian_with_the_first_argument_as_control()
    {
        var cx = GateLibrary.Get("cx").Matrix([]);
        // |control=1, target=0> is index 0b01 and maps to |control=1, target=1> = 0b11.
        Assert.Equal(Complex.One, cx[0b11 * 4 + 0b01]);
        Assert.Equal(Complex.One, cx[0b10 * 4 + 0b10]);
    }

    [Fact]
    public void Rz_differs_from_u1_by_a_global_phase_of_half_the_angle()
    {
        const double lambda = 0.7;
        var rz = GateLibrary.Get("rz").Matrix([lambda]);
        var u1 = GateLibrary.Get("u1").Matrix([lambda]);
        var phase = Complex.FromPolarCoordinates(1, lambda / 2);
        Assert.True(MatrixMath.ApproximatelyEqual(u1, rz.Select(v => v * phase).ToArray()));
        Assert.False(MatrixMath.ApproximatelyEqual(u1, rz));
    }

    [Fact]
    public void Crz_and_cu1_differ_by_a_relative_phase_so_the_rz_convention_matters_under_control()
    {
        const double lambda = 0.7;
        var crz = GateLibrary.Get("crz").Matrix([lambda]);
        var cu1 = GateLibrary.Get("cu1").Matrix([lambda]);
        // On |control=1> the two differ by e^{iλ/2}; on |control=0> they agree: not a global phase.
        Assert.Equal(Complex.One, crz[0]);
        Assert.Equal(Complex.One, cu1[0]);
        Assert.NotEqual(crz[3 * 4 + 3], cu1[3 * 4 + 3]);
    }

    [Fact]
    public void Rccx_matches_qiskits_matrix()
    {
        var m = GateLibrary.Get("rccx").Matrix([]);
        Assert.True(Complex.Abs(m[3 * 8 + 7] - new Complex(0, -1)) < 1e-12);
        Assert.True(Complex.Abs(m[7 * 8 + 3] - new Complex(0, 1)) < 1e-12);
        Assert.True(Complex.Abs(m[5 * 8 + 5] + 1) < 1e-12);
        Assert.True(Complex.Abs(m[4 * 8 + 4] - 1) < 1e-12);
    }

    [Fact]
    public void Ctrl_modifier_on_x_equals_cx_and_ctrl2_equals_ccx()
    {
        var ctrlX = GateLibrary.Matrix(new Instruction.Gate("x", new[] { 0, 1 }, EquatableArray<ParameterExpression>.Empty, 1));
        Assert.True(MatrixMath.ApproximatelyEqual(ctrlX, GateLibrary.Get("cx").Matrix([])));
        var ctrl2X = GateLibrary.Matrix(new Instruction.Gate("x", new[] { 0, 1, 2 }, EquatableArray<ParameterExpression>.Empty, 2));
        Assert.True(MatrixMath.ApproximatelyEqual(ctrl2X, GateLibrary.Get("ccx").Matrix([])));
    }

    [Fact]
    public void Aliases_resolve_to_canonical_gates()
    {
        Assert.Equal("cx", GateLibrary.Get("CX").Name);
        Assert.Equal("p", GateLibrary.Get("phase").Name);
        Assert.Equal("cp", GateLibrary.Get("cphase").Name);
        Assert.Equal("u", GateLibrary.Get("U").Name);
    }

    [Fact]
    public void Unknown_gate_is_a_typed_error()
    {
        var error = Assert.Throws<UnknownGateException>(() => GateLibrary.Get("frobnicate"));
        Assert.Equal("circuit.unknown-gate", error.Code);
    }

    [Fact]
    public void Symbolic_parameters_must_be_bound_before_a_matrix_is_built()
    {
        var gate = new Instruction.Gate("rx", new[] { 0 }, new ParameterExpression[] { new ParameterExpression.Symbol("theta") });
        Assert.Throws<UnboundParameterException>(() => GateLibrary.Matrix(gate));
        var bound = GateLibrary.Matrix(gate, new Dictionary<string, double> { ["theta"] = Math.PI });
        Assert.True(Complex.Abs(bound[1] - new Complex(0, -1)) < 1e-12);
    }

    private static double[] SampleParameters(int count) => [.. new[] { 0.3, -1.1, 2.4, 0.9 }.Take(count)];
}
