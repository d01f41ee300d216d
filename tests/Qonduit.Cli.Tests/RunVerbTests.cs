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

    private const string Ghz = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[1],q[2];\nx q[0];\nmeasure q -> c;\n";

    [Theory]
    [InlineData("ZZI", 1.0)]
    [InlineData("IZZ", -1.0)]
    [InlineData("0.5*ZZI - 0.2*XXX + 0.25*IZZ", 0.05)]
    public void An_observable_on_a_transpiling_device_is_read_on_the_logical_qubits_exactly(string observable, double ideal)
    {
        var file = QonduitProcess.TempFile("ghz.qasm", Ghz);

        var onDevice = QonduitProcess.Run("run", file, "--device", "ibm_fez", "--noise", "off", "--observable", observable, "--json");
        var logical = QonduitProcess.Run("run", file, "--ideal", "--observable", observable, "--json");

        Assert.True(onDevice.ExitCode == 0, onDevice.Stderr);
        Assert.Contains("transpiled for ibm_fez", onDevice.Stderr);
        using var device = JsonDocument.Parse(onDevice.Stdout);
        using var reference = JsonDocument.Parse(logical.Stdout);
        Assert.Equal(ideal, reference.RootElement.GetProperty("value").GetDouble(), 1e-12);
        Assert.Equal(ideal, device.RootElement.GetProperty("value").GetDouble(), 1e-12);
    }

    [Fact]
    public void A_sampled_observable_on_a_transpiling_device_agrees_with_the_ideal_value_within_three_standard_errors()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("ghz.qasm", Ghz), "--device", "ibm_fez", "--noise", "off",
            "--observable", "0.5*ZZI - 0.2*XXX + 0.25*IZZ + 0.4*IIZ", "--shots", "4000", "--seed", "8", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(outcome.Stdout);
        var value = json.RootElement.GetProperty("value").GetDouble();
        // IIZ reads the GHZ's random qubit 0 (ideal 0), so the estimate has a real spread.
        var error = json.RootElement.GetProperty("standardError").GetDouble();
        Assert.True(error > 0);
        Assert.InRange(Math.Abs(value - 0.05), 0, 3 * error);
    }

    [Fact]
    public void A_transpiled_circuit_ends_with_its_measurements_so_exact_runs_and_noiseless_sampling_is_one_simulation()
    {
        // All pairs interact on 5 qubits: routing on ibmq_manila's T shape needs swaps after some qubits' last gates.
        var body = string.Concat(Enumerable.Range(0, 5).SelectMany(a => Enumerable.Range(a + 1, 4 - a).Select(b => $"cx q[{a}],q[{b}];\nh q[{b}];\n")));
        var file = QonduitProcess.TempFile("pairs.qasm", $"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[5];\ncreg c[5];\nh q[0];\n{body}measure q -> c;\n");

        var sampled = QonduitProcess.Run("run", file, "--device", "ibmq_manila", "--noise", "off", "--shots", "300", "--seed", "2", "--json");
        var exact = QonduitProcess.Run("run", file, "--device", "ibmq_manila", "--noise", "off", "--exact", "--top", "32", "--json");
        var ideal = QonduitProcess.Run("run", file, "--ideal", "--exact", "--top", "32", "--json");

        Assert.True(sampled.ExitCode == 0, sampled.Stderr);
        using var samples = JsonDocument.Parse(sampled.Stdout);
        Assert.Equal(1, samples.RootElement.GetProperty("simulations").GetInt32());
        Assert.True(exact.ExitCode == 0, exact.Stderr);
        using var onDevice = JsonDocument.Parse(exact.Stdout);
        using var logical = JsonDocument.Parse(ideal.Stdout);
        var expected = logical.RootElement.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var actual = onDevice.RootElement.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        foreach (var key in expected.Keys.Union(actual.Keys))
            Assert.Equal(expected.GetValueOrDefault(key), actual.GetValueOrDefault(key), 1e-10);
    }

    // Ten qubits in superposition and a register of flags nothing measures: about 500 distinct outcomes in 1,024 shots.
    private const string Wide = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[10];\ncreg c[10];\ncreg flags[3];\nh q;\nmeasure q -> c;\n";

    [Fact]
    public void Sampled_counts_list_the_sixteen_most_frequent_the_rest_in_one_line_a_summary_and_no_unmeasured_register()
    {
        var file = QonduitProcess.TempFile("wide.qasm", Wide);

        var outcome = QonduitProcess.Run("run", file, "--ideal", "--seed", "1");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var lines = outcome.Stdout.Split('\n');
        var bars = lines.Where(l => l.Length > 10 && l[..10].All(c => c is '0' or '1')).ToList();
        Assert.Equal(16, bars.Count);
        Assert.All(bars, b => Assert.Equal(' ', b[10]));
        Assert.Contains(lines, l => l.StartsWith("… ", StringComparison.Ordinal) && l.Contains("more outcomes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1,024 shots, ", StringComparison.Ordinal) && l.EndsWith("distinct outcomes, 1 simulation", StringComparison.Ordinal));
        Assert.Contains("left out, never measured: register flags (3 bits)", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_and_all_bound_the_listing_sampled_or_exact_and_json_stays_complete()
    {
        var file = QonduitProcess.TempFile("wide.qasm", Wide);

        var three = QonduitProcess.Run("run", file, "--ideal", "--seed", "1", "--top", "3");
        var all = QonduitProcess.Run("run", file, "--ideal", "--seed", "1", "--all");
        var exact = QonduitProcess.Run("run", file, "--ideal", "--exact", "--top", "4");
        var json = QonduitProcess.Run("run", file, "--ideal", "--seed", "1", "--json");

        static int Rows(string stdout) => stdout.Split('\n').Count(l => l.TrimStart('│', ' ').Length > 10 && l.TrimStart('│', ' ')[..10].All(c => c is '0' or '1'));
        Assert.Equal(3, Rows(three.Stdout));
        Assert.DoesNotContain("more outcomes", all.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Stdout);
        var counts = document.RootElement.GetProperty("counts").EnumerateObject().ToList();
        Assert.Equal(counts.Count, Rows(all.Stdout));
        // JSON keeps Qiskit's keys whole, the unmeasured register included.
        Assert.All(counts, c => Assert.Equal(14, c.Name.Length));
        Assert.Equal(4, Rows(exact.Stdout));
        Assert.Contains("exact probabilities: the 4 most probable outcomes", exact.Stdout, StringComparison.Ordinal);
        Assert.Contains("more outcomes with probability", exact.Stdout, StringComparison.Ordinal);
        Assert.Contains("cli.invalid-arguments", QonduitProcess.Run("run", file, "--ideal", "--top", "3", "--all").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_transpile_insists_on_a_native_circuit()
    {
        var outcome = QonduitProcess.Run("run", QonduitProcess.TempFile("bell.qasm", Bell), "--device", "ibm_fez", "--no-transpile");
        Assert.Equal(1, outcome.ExitCode);
    }
}
