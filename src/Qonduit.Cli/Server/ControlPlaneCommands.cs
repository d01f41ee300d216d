using System.CommandLine;
using Qonduit.Cli.Keys;
using Qonduit.Cli.Registry;
using Qonduit.Cli.Tasks;

namespace Qonduit.Cli.Server;

/// <summary>The control plane's verbs: serve it, manage its keys, and use it (submit, tasks, registry).</summary>
public static class ControlPlaneCommands
{
    public static IEnumerable<Command> Create() =>
        [ServeCommand.Create(), KeysCommands.Create(), TaskCommands.Submit(), TaskCommands.Tasks(), RegistryCommands.Create()];
}
