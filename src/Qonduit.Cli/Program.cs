using System.CommandLine;
using Qonduit.Cli.Admission;
using Qonduit.Cli.Agent;
using Qonduit.Cli.Bench;
using Qonduit.Cli.Devices;
using Qonduit.Cli.Infrastructure;
using Qonduit.Cli.Qasm;
using Qonduit.Cli.Qrmi;
using Qonduit.Cli.Placement;
using Qonduit.Cli.Resources;
using Qonduit.Cli.Run;
using Qonduit.Cli.Runner;
using Qonduit.Cli.Slurm;
using Qonduit.Cli.Transpile;

var root = new RootCommand("qonduit: quantum processors as first-class HPC resources");
// Each feature folder contributes its verbs; this list is the CLI's table of contents.
root.Subcommands.Add(BenchLauncher.Create(root));
root.Subcommands.Add(DevicesCommands.Create());
root.Subcommands.Add(AdmitCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(QasmCommands.Create());
root.Subcommands.Add(AgentCommands.Create());
root.Subcommands.Add(RunnerCommands.Create());
root.Subcommands.Add(QrmiCommands.Create());
root.Subcommands.Add(SlurmCommands.Create());
root.Subcommands.Add(TranspileCommands.Create());
root.Subcommands.Add(ResourceCommands.Create());
root.Subcommands.Add(Qonduit.Cli.LoadIndex.LoadIndexCommands.Create());
root.Subcommands.Add(PlacementCommands.Create());
root.Subcommands.Add(Qonduit.Cli.Consumers.ConsumerCommands.Create());
root.Subcommands.Add(Qonduit.Cli.Accounting.AccountingCommand.Create());
root.Subcommands.Add(Qonduit.Cli.Artifacts.ArtifactCommands.Create());
root.Subcommands.Add(Qonduit.Cli.Graphs.GraphCommands.Create());
foreach (var verb in Qonduit.Cli.Server.ControlPlaneCommands.Create()) root.Subcommands.Add(verb);

return CliRunner.Run(root, args);
