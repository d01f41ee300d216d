using System.CommandLine;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>`qonduit qrmi release NAME [TOKEN]`: idempotent, so it succeeds for a token already released or expired.</summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "resource name in qrmi_config.json" };
        var token = QrmiCommands.TokenArgument();
        var config = QrmiCommands.ConfigOption();
        var command = new Command("release", "release a lease of a quantum resource") { name, token, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environment = ProcessEnvironment.Snapshot();
            var definition = QrmiCommands.LoadConfig(parse.GetValue(config), environment).Get(parse.GetValue(name)!);
            await new ResourceFactory().Create(definition).ReleaseAsync(QrmiCommands.Token(parse.GetValue(token), definition), cancellationToken);
            return CliRunner.Success;
        });
        return command;
    }
}
