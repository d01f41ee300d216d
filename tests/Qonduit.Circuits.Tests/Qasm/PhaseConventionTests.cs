using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

/// <summary>
/// The built-in include bodies are the specification: each gate, spelled out from them without the include, must be
/// recognised as the library gate with the dialect's phase convention, which checks the library matrices and the
/// implied phases together.
/// </summary>
public sealed class PhaseConventionTests
{
    public static TheoryData<string> Qelib1Gates() => [.. BuiltinIncludes.Names(QasmDialect.OpenQasm2).Order(StringComparer.Ordinal)];

    public static TheoryData<string> StdgatesGates() => [.. BuiltinIncludes.Names(QasmDialect.OpenQasm3).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Qelib1Gates))]
    public void Each_qelib1_definition_is_its_library_gate_up_to_the_documented_phase(string name) =>
        AssertRecognised(QasmDialect.OpenQasm2, "OPENQASM 2.0;\n" + BuiltinIncludes.Qelib1, name);

    [Theory]
    [MemberData(nameof(StdgatesGates))]
    public void Each_stdgates_definition_is_its_library_gate_up_to_the_documented_phase(string name) =>
        AssertRecognised(QasmDialect.OpenQasm3, "OPENQASM 3.0;\n" + BuiltinIncludes.Stdgates, name);

    private static void AssertRecognised(QasmDialect dialect, string library, string name)
    {
        var definition = GateLibrary.Get(name);
        var parameters = string.Join(", ", Enumerable.Range(0, definition.NumParameters).Select(i => (0.3 + 0.7 * i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var call = $"{name}{(parameters.Length > 0 ? $"({parameters})" : "")} {string.Join(", ", Enumerable.Range(0, definition.NumQubits).Select(i => $"q[{i}]"))};";
        var declare = dialect == QasmDialect.OpenQasm2 ? "qreg q[5];" : "qubit[5] q;";
        var circuit = QasmParser.Parse($"{library}\n{declare}\n{call}\n");
        var gate = Assert.IsType<Instruction.Gate>(Assert.Single(circuit.Instructions));
        Assert.Equal(definition.Name, gate.Name);
    }

    [Fact]
    public void Openqasm_2_rz_is_u1_so_it_adds_half_its_angle_to_the_global_phase()
    {
        var circuit = QasmParser.Parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrz(0.8) q[0];\n");
        Assert.Equal("rz", ((Instruction.Gate)circuit.Instructions[0]).Name);
        Assert.Equal(0.4, circuit.GlobalPhase.Evaluate(), 15);
        var u1 = GateLibrary.Get("u1").Matrix([0.8]);
        var rz = GateLibrary.Get("rz").Matrix([0.8]).Select(v => v * Complex.FromPolarCoordinates(1, 0.4)).ToArray();
        Assert.True(MatrixMath.ApproximatelyEqual(u1, rz));
    }

    [Fact]
    public void Openqasm_3_rz_is_the_library_rz_without_a_phase()
    {
        var circuit = QasmParser.Parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\nrz(0.8) q;\n");
        Assert.Equal(0.0, circuit.GlobalPhase.Evaluate());
    }
}
