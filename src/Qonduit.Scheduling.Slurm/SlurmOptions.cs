namespace Qonduit.Scheduling.Slurm;

/// <summary>
/// A site's Slurm settings. They live only in the agent's configuration: the control plane never learns partitions,
/// accounts or limits.
/// </summary>
public sealed record SlurmOptions
{
    /// <summary>The runner's command line before `runner &lt;dir&gt;`, as the compute node sees it.</summary>
    public required IReadOnlyList<string> RunnerCommand { get; init; }

    public string? Partition { get; init; }

    public string? Account { get; init; }

    public string? Qos { get; init; }

    /// <summary>Slurm's time format (`minutes`, `HH:MM:SS`, `D-HH:MM:SS`); exceeding it ends the task as timed out.</summary>
    public string? TimeLimit { get; init; }

    public int? CpusPerTask { get; init; }

    /// <summary>`--mem`, e.g. `4G`.</summary>
    public string? Memory { get; init; }

    /// <summary>`--export` (e.g. `NONE` so the job does not inherit the agent's environment); Slurm's default when null.</summary>
    public string? Export { get; init; }

    /// <summary>More directives, with or without the leading `#SBATCH ` (e.g. `--gres=qpu:1`, `--licenses=qpu_ibm_fez:1`).</summary>
    public IReadOnlyList<string> ExtraDirectives { get; init; } = [];

    /// <summary>Shell lines run before the runner (e.g. `module load dotnet`, `export DOTNET_gcServer=0`).</summary>
    public IReadOnlyList<string> SetupLines { get; init; } = [];

    public string JobNamePrefix { get; init; } = "qonduit-";

    /// <summary>Read terminal states with `sacct` when slurmdbd keeps accounting; otherwise `scontrol show job` (needs MinJobAge).</summary>
    public bool UseSacct { get; init; }

    /// <summary>Longest wait for one Slurm command (a controller that does not answer is a refused submit, not a hang).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
