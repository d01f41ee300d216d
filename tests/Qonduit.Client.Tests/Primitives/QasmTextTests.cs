using Qonduit.Client.Primitives;

namespace Qonduit.Client.Tests.Primitives;

public sealed class QasmTextTests
{
    [Fact]
    public void Qubits_are_flattened_in_declaration_order()
    {
        Assert.Equal(["a[0]", "a[1]", "b", "c[0]"], QasmText.Qubits("OPENQASM 3.0;\nqubit[2] a;\nqubit b;\nqreg c[1];\n"));
    }

    [Fact]
    public void Binding_leaves_gate_bodies_alone_and_drops_the_input_declaration()
    {
        const string source = "OPENQASM 3.0;\ninput float theta;\ngate g(theta) a { rz(theta) a; }\nqubit q;\ng(theta) q;\n";
        var bound = QasmText.Bind(source, new Dictionary<string, double> { ["theta"] = 0.25 });
        Assert.Contains("gate g(theta) a { rz(theta) a; }", bound, StringComparison.Ordinal);
        Assert.Contains("g((0.25)) q;", bound, StringComparison.Ordinal);
        Assert.DoesNotContain("input", bound, StringComparison.Ordinal);
    }

    [Fact]
    public void Positional_values_follow_the_input_declarations_and_must_match_their_number()
    {
        const string source = "OPENQASM 3.0;\ninput float a;\ninput angle[32] b;\nqubit q;\nrx(a) q;\nry(b) q;\n";
        var bound = QasmText.Bind(source, [1.5, 2.5]);
        Assert.Contains("rx((1.5)) q;", bound, StringComparison.Ordinal);
        Assert.Contains("ry((2.5)) q;", bound, StringComparison.Ordinal);
        Assert.Throws<PrimitiveInputException>(() => QasmText.Bind(source, [1.0]));
    }

    [Fact]
    public void A_y_term_rotates_with_sdg_then_h_into_a_register_declared_last()
    {
        var measured = QasmText.MeasureInBasis("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\n", "YI");
        Assert.EndsWith("creg qonduit_obs[1];\nsdg q[1];\nh q[1];\nmeasure q[1] -> qonduit_obs[0];\n", measured, StringComparison.Ordinal);
    }

    [Fact]
    public void An_observable_of_the_wrong_width_or_alphabet_is_refused()
    {
        Assert.Throws<PrimitiveInputException>(() => QasmText.MeasureInBasis("OPENQASM 3.0;\nqubit[2] q;\n", "Z"));
        Assert.Throws<PrimitiveInputException>(() => PauliObservable.Of("ZA"));
        Assert.Throws<PrimitiveInputException>(() => PauliObservable.Parse("x*ZZ"));
    }
}
