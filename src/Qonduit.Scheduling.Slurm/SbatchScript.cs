using System.Text;

namespace Qonduit.Scheduling.Slurm;

/// <summary>Renders the batch script that runs one run directory: directives from the site settings, setup lines, the runner.</summary>
public static class SbatchScript
{
    public const string FileName = "job.sbatch";

    /// <summary>The job's standard output and error, inside its run directory.</summary>
    public const string OutputFile = "job.out";

    public static string Render(SlurmOptions options, string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.GetFullPath(runDirectory);
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        Directive(script, $"--job-name={options.JobNamePrefix}{Path.GetFileName(dir.TrimEnd('/'))}");
        Directive(script, $"--chdir={dir}");
        Directive(script, $"--output={Path.Combine(dir, OutputFile)}");
        Directive(script, "--ntasks=1");
        if (options.Partition is { Length: > 0 } partition) Directive(script, $"--partition={partition}");
        if (options.Account is { Length: > 0 } account) Directive(script, $"--account={account}");
        if (options.Qos is { Length: > 0 } qos) Directive(script, $"--qos={qos}");
        if (options.TimeLimit is { Length: > 0 } time) Directive(script, $"--time={time}");
        if (options.CpusPerTask is { } cpus) Directive(script, $"--cpus-per-task={cpus}");
        if (options.Memory is { Length: > 0 } memory) Directive(script, $"--mem={memory}");
        if (options.Export is { Length: > 0 } export) Directive(script, $"--export={export}");
        foreach (var extra in options.ExtraDirectives)
        {
            var line = extra.Trim();
            if (line.Length == 0) continue;
            script.Append(line.StartsWith("#SBATCH", StringComparison.Ordinal) ? line : "#SBATCH " + line).Append('\n');
        }
        foreach (var line in options.SetupLines) script.Append(line).Append('\n');
        script.Append("exec");
        foreach (var word in (string[])[.. options.RunnerCommand, "runner", dir]) script.Append(' ').Append(Quote(word));
        script.Append('\n');
        return script.ToString();
    }

    /// <summary>POSIX single-quote quoting: everything is literal except the quote itself, written as '\''.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Directive(StringBuilder script, string option)
    {
        if (option.Contains('\n', StringComparison.Ordinal))
            throw new ArgumentException($"an #SBATCH directive may not span lines: '{option}'", nameof(option));
        script.Append("#SBATCH ").Append(option).Append('\n');
    }
}
