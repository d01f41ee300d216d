using System.CommandLine;

namespace Qonduit.Cli.Slurm;

/// <summary>`qonduit slurm config|install-plugin`: make Slurm's own scheduler account for QPU lanes.</summary>
public static class SlurmCommands
{
    public static Command Create()
    {
        var slurm = new Command("slurm", "Slurm integration: configuration lines for QPUs and the --qpu SPANK plugin");
        slurm.Subcommands.Add(SlurmConfigCommand.Create());
        slurm.Subcommands.Add(InstallPluginCommand.Create());
        return slurm;
    }
}
