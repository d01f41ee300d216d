namespace Qonduit.Scheduling.Slurm.Tests;

public sealed class SbatchScriptTests
{
    private static readonly SlurmOptions Site = new()
    {
        RunnerCommand = ["/opt/qonduit/qonduit"],
        Partition = "quantum",
        Account = "proj42",
        Qos = "short",
        TimeLimit = "00:10:00",
        CpusPerTask = 4,
        Memory = "8G",
        ExtraDirectives = ["--gres=qpu:1", "#SBATCH --licenses=qpu_ibm_fez:1"],
        SetupLines = ["module load dotnet/10", "export OMP_NUM_THREADS=4"],
    };

    [Fact]
    public void Every_site_setting_becomes_a_directive_before_the_runner()
    {
        var script = SbatchScript.Render(Site, "/runs/0b0e5d2c-0000-4000-8000-000000000001");
        var lines = script.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --job-name=qonduit-0b0e5d2c-0000-4000-8000-000000000001", lines);
        Assert.Contains("#SBATCH --chdir=/runs/0b0e5d2c-0000-4000-8000-000000000001", lines);
        Assert.Contains("#SBATCH --output=/runs/0b0e5d2c-0000-4000-8000-000000000001/job.out", lines);
        Assert.Contains("#SBATCH --partition=quantum", lines);
        Assert.Contains("#SBATCH --account=proj42", lines);
        Assert.Contains("#SBATCH --qos=short", lines);
        Assert.Contains("#SBATCH --time=00:10:00", lines);
        Assert.Contains("#SBATCH --cpus-per-task=4", lines);
        Assert.Contains("#SBATCH --mem=8G", lines);
        Assert.Contains("#SBATCH --gres=qpu:1", lines);
        Assert.Contains("#SBATCH --licenses=qpu_ibm_fez:1", lines);
        Assert.Equal("exec /opt/qonduit/qonduit runner /runs/0b0e5d2c-0000-4000-8000-000000000001", lines[^1]);
    }

    [Fact]
    public void Directives_come_first_then_setup_lines_in_order_then_exec()
    {
        var lines = SbatchScript.Render(Site, "/runs/t").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lastDirective = Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal));
        Assert.Equal("module load dotnet/10", lines[lastDirective + 1]);
        Assert.Equal("export OMP_NUM_THREADS=4", lines[lastDirective + 2]);
        Assert.StartsWith("exec ", lines[lastDirective + 3], StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_settings_leave_no_directive()
    {
        var script = SbatchScript.Render(new SlurmOptions { RunnerCommand = ["qonduit"] }, "/runs/t");
        Assert.DoesNotContain("--partition", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--account", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--time", script, StringComparison.Ordinal);
        Assert.DoesNotContain("--mem", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_words_with_spaces_or_quotes_are_quoted_for_the_shell()
    {
        var script = SbatchScript.Render(new SlurmOptions { RunnerCommand = ["dotnet", "/opt/my tools/qonduit.dll", "it's"] }, "/runs/t");
        Assert.EndsWith("exec dotnet '/opt/my tools/qonduit.dll' 'it'\\''s' runner /runs/t\n", script, StringComparison.Ordinal);
    }
}
