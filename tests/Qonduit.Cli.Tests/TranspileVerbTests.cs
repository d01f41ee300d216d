namespace Qonduit.Cli.Tests;

/// <summary>`qonduit transpile` as issue 7 shows it: layout and sizes printed, the native circuit written, passes chosen by name.</summary>
public sealed class TranspileVerbTests
{
    private const string Ghz = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\ncreg c[3];\nh q[0];\ncx q[0],q[1];\ncx q[0],q[2];\nmeasure q -> c;\n";

    [Fact]
    public void Transpile_prints_the_layout_and_sizes_and_writes_a_circuit_the_device_admits()
    {
        var source = QonduitProcess.TempFile("ghz.qasm", Ghz);
        var output = Path.Combine(Path.GetDirectoryName(source)!, "ghz.native.qasm");

        var outcome = QonduitProcess.Run("transpile", source, "--device", "ibm_brisbane", "--layout", "trivial", "--seed", "3", "-o", output);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("(trivial layout, sabre routing,", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("  layout:       q0→0 q1→1 q2→2\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"  final:        q0→\d+ q1→\d+ q2→\d+\n", outcome.Stdout);
        Assert.Contains("  before:       depth 4, 3 gates, 2 two-qubit\n", outcome.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"  after:        depth \d+, \d+ gates, \d+ two-qubit, \d+ swaps added\n", outcome.Stdout);
        Assert.Contains("ecr ", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal(0, QonduitProcess.Run("admit", output, "--device", "ibm_brisbane").ExitCode);
    }

    [Fact]
    public void Passes_are_listed_and_a_chosen_list_is_what_runs()
    {
        var listing = QonduitProcess.Run("transpile", "--list-passes");
        foreach (var pass in (string[])["unroll", "trim", "layout", "route", "translate", "fix-direction", "consolidate", "optimize-1q", "cancel"])
            Assert.Contains($"\n{pass} ", "\n" + listing.Stdout, StringComparison.Ordinal);
        Assert.Contains("default: unroll,trim,optimize-1q,layout,route,translate,fix-direction,consolidate,optimize-1q,cancel,optimize-1q", listing.Stdout, StringComparison.Ordinal);

        var source = QonduitProcess.TempFile("ghz.qasm", Ghz);
        var chosen = QonduitProcess.Run("transpile", source, "--device", "ibm_fez", "--passes", "unroll,layout,route,translate", "-o", source + ".out");
        Assert.Equal(0, chosen.ExitCode);
        Assert.Contains("  passes:       unroll,layout,route,translate\n", chosen.Stdout, StringComparison.Ordinal);

        var unknown = QonduitProcess.Run("transpile", source, "--device", "ibm_fez", "--passes", "unroll,teleport");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("teleport", unknown.Stderr, StringComparison.Ordinal);
    }
}
