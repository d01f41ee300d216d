using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi renew NAME [TOKEN] --ttl SECONDS`: extends an active lease to now + TTL and prints its new expiry.
/// The Slurm plugin's renewal helper runs it every TTL/3 for a job without a time limit. A lease already released
/// or expired is not revived (exit code of lease.not-found).
/// </summary>
internal static class RenewCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "resource name in qrmi_config.json" };
        var token = QrmiCommands.TokenArgument();
        var config = QrmiCommands.ConfigOption();
        var ttl = new Option<int>("--ttl") { Description = "the lease's new lifetime from now, in seconds", Required = true };
        var command = new Command("renew", "extend an active lease of a quantum resource to now + TTL") { name, token, config, ttl };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(ttl) < 1) throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "--ttl must be at least 1 second");
            var environment = ProcessEnvironment.Snapshot();
            var definition = QrmiCommands.LoadConfig(parse.GetValue(config), environment).Get(parse.GetValue(name)!);
            var lease = await new ResourceFactory().Create(definition)
                .RenewAsync(QrmiCommands.Token(parse.GetValue(token), definition), TimeSpan.FromSeconds(parse.GetValue(ttl)), cancellationToken);
            Console.WriteLine(lease.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            return CliRunner.Success;
        });
        return command;
    }
}
