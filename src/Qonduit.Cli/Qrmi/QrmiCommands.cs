using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi acquire|renew|release|list|run|config`: QRMI resources from qrmi_config.json (or, inside a `--qpu` job,
/// from the job environment). The Slurm plugin runs `acquire`, `renew` and `release`; a job's program can run `run`;
/// `config` writes qrmi_config.json from a control plane's devices.
/// </summary>
public static class QrmiCommands
{
    public static Command Create()
    {
        var qrmi = new Command("qrmi", "quantum resources (QRMI): acquire and release leases, list and filter, run circuits");
        qrmi.Subcommands.Add(AcquireCommand.Create());
        qrmi.Subcommands.Add(RenewCommand.Create());
        qrmi.Subcommands.Add(ReleaseCommand.Create());
        qrmi.Subcommands.Add(ListCommand.Create());
        qrmi.Subcommands.Add(RunOnResourceCommand.Create());
        qrmi.Subcommands.Add(ConfigCommand.Create());
        return qrmi;
    }

    internal static Option<string?> ConfigOption() => new("--config", "-c")
    {
        Description = $"qrmi_config.json (default: ${QrmiConfig.PathVariable}, else {QrmiConfig.DefaultPath})",
    };

    /// <summary>Optional, because a token on a command line shows in `ps`: the plugin passes it as the job does, in
    /// {name}_QRMI_JOB_ACQUISITION_TOKEN.</summary>
    internal static Argument<string?> TokenArgument() => new("token")
    {
        Description = "the token `qonduit qrmi acquire` printed (default: ${name}_" + JobEnvironment.TokenKey + ")",
        Arity = ArgumentArity.ZeroOrOne,
    };

    internal static string Token(string? argument, ResourceDefinition definition) =>
        argument ?? definition.Get(JobEnvironment.TokenKey)
        ?? throw new QonduitException(ErrorCodes.Cli.InvalidArguments,
            $"give the lease's token as an argument or in {definition.Name}_{JobEnvironment.TokenKey}");

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
