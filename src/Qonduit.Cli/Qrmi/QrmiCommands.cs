using System.CommandLine;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi acquire|release|list|run`: QRMI resources from qrmi_config.json (or, inside a `--qpu` job, from
/// the job environment). The Slurm plugin runs `acquire` and `release`; a job's program can run `run`.
/// </summary>
public static class QrmiCommands
{
    public static Command Create()
    {
        var qrmi = new Command("qrmi", "quantum resources (QRMI): acquire and release leases, list and filter, run circuits");
        qrmi.Subcommands.Add(AcquireCommand.Create());
        qrmi.Subcommands.Add(ReleaseCommand.Create());
        qrmi.Subcommands.Add(ListCommand.Create());
        qrmi.Subcommands.Add(RunOnResourceCommand.Create());
        return qrmi;
    }

    internal static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = $"qrmi_config.json (default: ${QrmiConfig.PathVariable}, else {QrmiConfig.DefaultPath})",
    };

    internal static QrmiConfig LoadConfig(string? path, IReadOnlyDictionary<string, string> environment) =>
        QrmiConfig.Load(path ?? environment.GetValueOrDefault(QrmiConfig.PathVariable) ?? QrmiConfig.DefaultPath, environment);

    /// <summary>Inside a `--qpu` job without `--config`: the job's resources; otherwise the configuration's.</summary>
    internal static QuantumResourceProvider Provider(string? configPath, IReadOnlyDictionary<string, string> environment, ResourceFactory factory)
    {
        var job = JobEnvironment.Read(environment);
        if (configPath is null && job.IsPresent) return QuantumResourceProvider.FromJobEnvironment(job, factory);
        return QuantumResourceProvider.FromConfig(LoadConfig(configPath, environment), factory);
    }
}
