using Qonduit.Tests.Shared;

namespace Qonduit.Cli.Tests;

public sealed class QasmVerbTests
{
    [Fact]
    public void Check_accepts_a_valid_file_and_exits_zero()
    {
        var outcome = QonduitProcess.Run("qasm", "check", RepoPaths.Data("qasmbench", "small", "adder_n4.qasm"));
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public void Check_reports_an_unknown_gate_with_its_position_and_exits_one()
    {
        var file = QonduitProcess.TempFile("bad.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nfoo q[0];\n");
        var outcome = QonduitProcess.Run("qasm", "check", file);
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("bad.qasm:4:1", outcome.Stdout + outcome.Stderr);
    }

    [Fact]
    public void Format_to_openqasm3_prints_a_circuit_that_checks_again()
    {
        var formatted = QonduitProcess.Run("qasm", "format", RepoPaths.Data("qasmbench", "small", "bell_n4.qasm"), "--to", "3");
        Assert.Equal(0, formatted.ExitCode);
        Assert.StartsWith("OPENQASM 3", formatted.Stdout.TrimStart());
        var again = QonduitProcess.Run("qasm", "check", QonduitProcess.TempFile("bell.qasm", formatted.Stdout));
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public void An_unknown_option_is_a_user_error()
    {
        Assert.Equal(1, QonduitProcess.Run("qasm", "check", "--no-such-option").ExitCode);
    }
}
