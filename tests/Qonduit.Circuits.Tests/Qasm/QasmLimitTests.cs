using Qonduit.Circuits.Qasm;

namespace Qonduit.Circuits.Tests.Qasm;

public sealed class QasmLimitTests
{
    private static QasmLimitException Limit(string source, string limit, QasmLimits? limits = null)
    {
        var e = Assert.Throws<QasmLimitException>(() => QasmParser.Parse(source, "evil.qasm", limits ?? QasmLimits.Default));
        Assert.Equal(limit, e.Limit);
        Assert.Equal(ErrorCodes.Qasm.Limit, e.Code);
        return e;
    }

    private static QasmExpansionException Expansion(string source, QasmLimits? limits = null)
    {
        var e = Assert.Throws<QasmExpansionException>(() => QasmParser.Parse(source, "evil.qasm", limits ?? QasmLimits.Default));
        Assert.Equal(ErrorCodes.Limits.Expansion, e.Code);
        return e;
    }

    [Fact]
    public void A_huge_register_fails_at_its_declaration()
    {
        var e = Limit("OPENQASM 2.0;\nqreg q[100000000];\n", nameof(QasmLimits.MaxQubits));
        Assert.Equal((2, 1), (e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void Deeply_nested_parentheses_fail_with_the_nesting_limit() =>
        Limit("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrx(" + new string('(', 100_000) + "1" + new string(')', 100_000) + ") q[0];\n",
            nameof(QasmLimits.MaxNestingDepth));

    [Fact]
    public void A_long_chain_of_unary_minus_fails_with_the_nesting_limit() =>
        Limit("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\nrx(" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "1) q[0];\n",
            nameof(QasmLimits.MaxNestingDepth));

    [Fact]
    public void A_symbolic_sum_too_deep_to_walk_fails_with_the_nesting_limit() =>
        Limit("OPENQASM 3.0;\ninput float[64] t;\nqubit q;\nU(" + string.Join("+", Enumerable.Repeat("t", 10_000)) + ", 0, 0) q;\n",
            nameof(QasmLimits.MaxNestingDepth));

    [Fact]
    public void A_very_long_line_fails_with_the_line_limit() =>
        Limit("OPENQASM 2.0;\n// " + new string('x', 2_000_000) + "\n", nameof(QasmLimits.MaxLineLength));

    [Fact]
    public void A_source_over_the_size_limit_fails_before_it_is_scanned() =>
        Limit(new string(' ', 2_000), nameof(QasmLimits.MaxSourceLength), new QasmLimits { MaxSourceLength = 1_000 });

    [Fact]
    public void An_overlong_identifier_fails_with_the_token_limit() =>
        Limit("OPENQASM 2.0;\nqreg " + new string('q', 100_000) + "[1];\n", nameof(QasmLimits.MaxTokenLength));

    [Fact]
    public void Too_many_instructions_fail_with_the_instruction_limit() =>
        Limit("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\nh q[1];\nh q[0];\n", nameof(QasmLimits.MaxInstructions),
            new QasmLimits { MaxInstructions = 2 });

    [Fact]
    public void A_broadcast_past_the_instruction_limit_fails_with_the_instruction_limit() =>
        Limit("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1000];\nh q;\nh q;\n", nameof(QasmLimits.MaxInstructions),
            new QasmLimits { MaxInstructions = 1_500 });

    [Fact]
    public void Gate_definitions_that_double_at_every_level_fail_at_the_definition_past_the_limit()
    {
        // The black-box bomb: 944 bytes, each level calls the previous twice. Refused from sizes alone, at g20 (2^20 > 10^6).
        var source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g30 q[0];\n";
        var e = Expansion(source, new QasmLimits { MaxInstructions = 1_000_000 });
        Assert.Equal(24, e.Location.Line);
        Assert.Contains("gate 'g20' expands to at least 1048576 operations", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gates_under_the_limit_whose_use_passes_it_fail_at_the_use()
    {
        var source = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[4] q;\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g10 q;\n";
        var e = Expansion(source, new QasmLimits { MaxInstructions = 4_000 });
        Assert.Contains("at least 4096 operations", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Uses_that_add_up_past_the_limit_fail_at_the_use_that_passes_it()
    {
        var source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[1];\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g10 q[0];\ng10 q[0];\n";
        var e = Expansion(source, new QasmLimits { MaxInstructions = 1_500 });
        Assert.Equal(16, e.Location.Line);
    }

    [Fact]
    public void Modifiers_that_multiply_a_definition_fail_before_expanding() =>
        Expansion("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[2] q;\ngate g a, b { x a; cx a, b; }\npow(600) @ inv @ ctrl @ x q[0], q[1];\npow(1000) @ g q[0], q[1];\n",
            new QasmLimits { MaxInstructions = 1_000 });

    [Fact]
    public void Gate_phases_count_against_the_limit_although_they_are_no_instructions()
    {
        var source = "OPENQASM 3.0;\ngate g0 a { gphase(pi); }\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n"));
        Expansion(source);
    }

    [Fact]
    public void A_huge_power_modifier_fails_with_the_expansion_limit() =>
        Expansion("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\npow(1000000000) @ x q;\n");

    [Fact]
    public void A_power_beyond_any_size_does_not_overflow_the_count() =>
        Expansion("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit q;\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 20).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "pow(999999999999999) @ g20 q;\n",
            new QasmLimits { MaxInstructions = int.MaxValue });

    [Fact]
    public void Expansion_just_under_the_limit_still_parses()
    {
        var source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 10).Select(i => $"gate g{i} a {{ g{i - 1} a; g{i - 1} a; }}\n")) + "g10 q;\n";
        Assert.Equal(2048, QasmParser.Parse(source, "ok.qasm", new QasmLimits { MaxInstructions = 2048 }).Instructions.Count);
    }

    [Fact]
    public void Definitions_nested_deeper_than_the_nesting_limit_fail()
    {
        var source = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\ngate g0 a { x a; }\n"
            + string.Concat(Enumerable.Range(1, 60).Select(i => $"gate g{i} a {{ g{i - 1} a; }}\n"));
        Limit(source, nameof(QasmLimits.MaxNestingDepth), new QasmLimits { MaxNestingDepth = 50 });
    }

    [Fact]
    public void Parameters_that_grow_exponentially_through_definitions_fail_with_the_expression_limit()
    {
        var source = "OPENQASM 3.0;\ninput float[64] t;\nqubit q;\ngate g0(a) b { U(a, 0, 0) b; }\n"
            + string.Concat(Enumerable.Range(1, 60).Select(i => $"gate g{i}(a) b {{ g{i - 1}(a * a) b; }}\n")) + "g60(t) q;\n";
        Limit(source, nameof(QasmLimits.MaxExpressionNodes));
    }
}
