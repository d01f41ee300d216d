using System.Net;
using System.Net.Sockets;

namespace Qonduit.Cli.Tests;

/// <summary>Errors that say how to fix them: suggestions for names slightly off, a hint when no server answers.</summary>
public sealed class ErrorsThatHelpTests
{
    [Theory]
    [InlineData("sbumit", "submit")]
    [InlineData("tasks lst", "list")]
    public void A_mistyped_verb_is_answered_with_the_verb_meant(string typed, string meant)
    {
        var outcome = QonduitProcess.Run(typed.Split(' '));

        Assert.NotEqual(0, outcome.ExitCode);
        var said = outcome.Stdout + outcome.Stderr;
        Assert.Contains("Did you mean", said, StringComparison.Ordinal);
        Assert.Contains(meant, said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_task_state_is_answered_with_the_state_meant_before_any_server_is_asked()
    {
        var outcome = QonduitProcess.Run("tasks", "list", "--state", "qeued", "--server", "http://127.0.0.1:1", "--key", "any");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal("error [cli.invalid-state]: unknown state 'qeued' (did you mean: queued?)", outcome.Stderr.Trim());
    }

    [Fact]
    public void A_mistyped_bundled_device_is_answered_with_the_device_meant()
    {
        var bell = QonduitProcess.TempFile("bell.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\nmeasure q -> c;\n");

        var outcome = QonduitProcess.Run("run", bell, "--device", "ibm_fezz");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("snapshot.not-found", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean: ibm_fez?", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_gate_is_answered_with_the_gate_meant_and_its_line()
    {
        var file = QonduitProcess.TempFile("typo.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\ncz q[0],q[1];\nczz q[0],q[1];\n");

        var outcome = QonduitProcess.Run("run", file, "--ideal");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("qasm.unknown-gate", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("typo.qasm:6:1: unknown gate 'czz' (did you mean: crz, cz, rzz?)", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_is_not_running_gets_a_hint_naming_serve_and_qonduit_url()
    {
        var closed = ClosedPort();

        var outcome = QonduitProcess.Run("tasks", "list", "--server", $"http://127.0.0.1:{closed}", "--key", "any");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal(
            $"error [client.unreachable]: no Qonduit server answers at http://127.0.0.1:{closed} — start one with \"qonduit serve\", or point QONDUIT_URL at a running server",
            outcome.Stderr.Trim());
    }

    /// <summary>A loopback port nothing listens on: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
