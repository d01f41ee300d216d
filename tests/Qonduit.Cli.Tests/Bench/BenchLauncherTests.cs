namespace Qonduit.Cli.Tests.Bench;

/// <summary>`qonduit bench`: the benchmarks are not in the CLI; it runs them from the source checkout it is started in.</summary>
public sealed class BenchLauncherTests
{
    [Fact]
    public void Outside_a_checkout_bench_is_refused_with_a_typed_error_naming_where_it_looked()
    {
        var outcome = QonduitProcess.Run("bench", "parse");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error [bench.no-checkout]", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.GetTempPath().TrimEnd('/'), outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_after_a_benchmark_name_is_the_benchmarks_to_answer_not_the_launchers()
    {
        // Outside a checkout the launcher cannot run it, so it says so instead of printing its own help.
        var outcome = QonduitProcess.Run("bench", "sim", "--help");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("error [bench.no-checkout]", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_elsewhere_is_still_the_clis_own()
    {
        var outcome = QonduitProcess.Run("slurm", "--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("config", outcome.Stdout, StringComparison.Ordinal);
    }
}
