using System.Text.Json;

namespace Qonduit.Cli.Tests;

public sealed class RunTimingsTests
{
    private const string Ghz = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[0],q[2];\nmeasure q -> c;\n";

    [Fact]
    public void Json_timings_report_transpiling_apart_from_allocating_the_state_and_simulating()
    {
        var file = QonduitProcess.TempFile("ghz.qasm", Ghz);
        var mapped = Timings(QonduitProcess.Run("run", file, "--device", "ibm_fez", "--noise", "off", "--shots", "100", "--seed", "1", "--json"));
        var ideal = Timings(QonduitProcess.Run("run", file, "--ideal", "--shots", "100", "--seed", "1", "--json"));
        Assert.True(mapped.GetProperty("transpileMs").GetDouble() > 0);
        Assert.Equal(0, ideal.GetProperty("transpileMs").GetDouble());
        foreach (var timings in new[] { mapped, ideal })
        {
            Assert.True(timings.GetProperty("stateMs").GetDouble() > 0);
            Assert.True(timings.GetProperty("simulateMs").GetDouble() > 0);
        }
    }

    [Fact]
    public void An_unknown_device_is_still_refused_as_such_while_the_warmup_runs_beside_the_parse()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("ghz.qasm", Ghz), "--device", "no-such-device", "--shots", "10");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("no-such-device", outcome.Stderr);
        Assert.DoesNotContain("internal error", outcome.Stderr);
    }

    private static JsonElement Timings(QonduitProcess.Outcome outcome)
    {
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        return json.RootElement.GetProperty("timings").Clone();
    }
}
