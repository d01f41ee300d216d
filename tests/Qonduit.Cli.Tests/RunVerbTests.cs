using System.Text.Json;

namespace Qonduit.Cli.Tests;

public sealed class RunVerbTests
{
    private const string Bell = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n";

    [Fact]
    public void Ideal_bell_run_gives_only_correlated_outcomes_and_json_counts_sum_to_the_shots()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("bell.qasm", Bell), "--ideal", "--shots", "2000", "--seed", "5", "--json");
        Assert.Equal(0, outcome.ExitCode);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(2000, counts.Values.Sum());
        Assert.All(counts.Keys, key => Assert.Contains(key, new[] { "00", "11" }));
    }

    [Fact]
    public void The_same_seed_gives_the_same_counts()
    {
        var file = QonduitProcess.TempFile("bell.qasm", Bell);
        var first = QonduitProcess.Run("run", file, "--ideal", "--shots", "500", "--seed", "9", "--json");
        var second = QonduitProcess.Run("run", file, "--ideal", "--shots", "500", "--seed", "9", "--json");
        using var a = JsonDocument.Parse(first.Stdout);
        using var b = JsonDocument.Parse(second.Stdout);
        Assert.Equal(a.RootElement.GetProperty("counts").GetRawText(), b.RootElement.GetProperty("counts").GetRawText());
    }

    [Fact]
    public void A_circuit_wider_than_the_device_is_refused_with_exit_one()
    {
        var wide = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[200];\ncreg c[1];\nmeasure q[199] -> c[0];\n";
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("wide.qasm", wide), "--device", "ibm_fez", "--shots", "10");
        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("internal error", outcome.Stderr);
    }

    [Fact]
    public void A_circuit_too_large_for_memory_is_refused_with_the_memory_it_needs()
    {
        var huge = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[40];\ncreg c[40];\nh q;\nmeasure q -> c;\n";
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("huge.qasm", huge), "--ideal", "--shots", "10");
        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("B", outcome.Stderr);
    }

    [Fact]
    public void A_logical_circuit_is_transpiled_onto_the_device_and_runs_with_its_noise()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("bell.qasm", Bell), "--device", "ibm_brisbane",
            "--shots", "4000", "--seed", "3", "--json");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("transpiled for ibm_brisbane", outcome.Stderr);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(4000, counts.Values.Sum());
        // Noise leaks a little mass out of the Bell outcomes, but they still dominate.
        Assert.True(counts.GetValueOrDefault("00") + counts.GetValueOrDefault("11") > 3400);
    }

    [Fact]
    public void No_transpile_insists_on_a_native_circuit()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("bell.qasm", Bell), "--device", "ibm_fez", "--no-transpile");
        Assert.Equal(1, outcome.ExitCode);
    }
}
