using System.CommandLine;
using Qonduit.Cli.Bench;
using Qonduit.Cli.Infrastructure;

var root = new RootCommand("qonduit: quantum processors as first-class HPC resources");
// Each feature folder contributes its verbs; this list is the CLI's table of contents.
root.Subcommands.Add(BenchCommands.Create());

return CliRunner.Run(root, args);
