using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Cli.Qrmi;
using Qonduit.Qrmi.Config;

namespace Qonduit.Cli.Slurm;

/// <summary>
/// `qonduit slurm config`: the slurm.conf, gres.conf and plugstack.conf lines for the registered QPUs. Each device
/// becomes a cluster licence <c>qpu_&lt;device&gt;:&lt;lanes&gt;</c>, so `sbatch -L qpu_ibm_fez:1` waits in Slurm's
/// own queue for a lane; the node's count-only GRES <c>qpu</c> caps how many QPU jobs it runs at once. For sites that run
/// slurmdbd, <c>AccountingStorageTRES=license/qpu_&lt;device&gt;,…</c> makes the database record each job's QPU licences.
/// </summary>
internal static class SlurmConfigCommand
{
    public static Command Create()
    {
        var devices = new Option<string?>("--devices") { Description = "devices as NAME[:LANES],... (instead of reading --config)" };
        var config = QrmiCommands.ConfigOption();
        var node = new Option<string>("--node") { Description = "node name for the Gres line", DefaultValueFactory = _ => Environment.MachineName };
        var pluginDir = new Option<string>("--plugin-dir") { Description = "Slurm's PluginDir", DefaultValueFactory = _ => SlurmPaths.PluginDir() };
        var qonduit = new Option<string>("--qonduit") { Description = "qonduit executable the plugin runs", DefaultValueFactory = _ => SlurmPaths.QonduitExecutable() };
        var command = new Command("config", "print slurm.conf, gres.conf and plugstack.conf lines for the registered QPUs")
        {
            devices, config, node, pluginDir, qonduit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environment = ProcessEnvironment.Snapshot();
            var configPath = parse.GetValue(config) ?? environment.GetValueOrDefault(QrmiConfig.PathVariable) ?? QrmiConfig.DefaultPath;
            var list = parse.GetValue(devices) is { } text
                ? SlurmDevice.Parse(text)
                : await SlurmDevice.FromConfigAsync(QrmiConfig.Load(configPath, environment), cancellationToken);
            if (list.Count == 0) throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "no devices: give --devices or a qrmi_config.json with resources");
            var gres = list.Sum(d => d.Lanes);
            Console.WriteLine("# --- slurm.conf (add to the existing NodeName line: Gres=qpu:" + gres + ")");
            Console.WriteLine("GresTypes=qpu");
            Console.WriteLine("Licenses=" + string.Join(",", list.Select(d => $"{d.License}:{d.Lanes}")));
            Console.WriteLine($"NodeName={parse.GetValue(node)} Gres=qpu:{gres}");
            foreach (var note in list.Where(d => d.Note is not null)) Console.WriteLine($"# {note.Name}: {note.Note}");
            Console.WriteLine("# --- slurm.conf, for sites that run slurmdbd: track each QPU licence as a TRES, so sacct and sreport show QPU use");
            Console.WriteLine("# per job, user and account (add to an existing AccountingStorageTRES list rather than replacing it)");
            Console.WriteLine("AccountingStorageTRES=" + string.Join(",", list.Select(d => $"license/{d.License}")));
            Console.WriteLine("# --- gres.conf");
            Console.WriteLine($"Name=qpu Count={gres} Flags=CountOnly");
            Console.WriteLine("# --- plugstack.conf");
            Console.WriteLine(SlurmPaths.PlugstackLine(parse.GetValue(pluginDir)!, parse.GetValue(qonduit)!, Path.GetFullPath(configPath)));
            Console.WriteLine("# --- jobs: sbatch --qpu=" + list[0].Name + " -L " + list[0].License + ":1 --gres=qpu:1 job.sh");
            return CliRunner.Success;
        });
        return command;
    }
}
