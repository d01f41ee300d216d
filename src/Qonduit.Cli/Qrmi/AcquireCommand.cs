using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi acquire NAME`: leases a lane and prints the token. With `--env` it prints instead the variables a
/// job needs for the resource, one KEY=VALUE per line (what the Slurm plugin exports): its type, its settings
/// after the user's overrides, and the acquisition token.
/// </summary>
internal static class AcquireCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "resource name in qrmi_config.json" };
        var config = QrmiCommands.ConfigOption();
        var jobId = new Option<string?>("--job-id") { Description = "Slurm job id: the lease's holder becomes slurm:job:<id>" };
        var ttl = new Option<int>("--ttl") { Description = "lease lifetime in seconds (the job's time limit)", DefaultValueFactory = _ => 3600 };
        var wait = new Option<double>("--wait") { Description = "seconds to wait for a free lane", DefaultValueFactory = _ => 0 };
        var exclusive = new Option<bool>("--exclusive") { Description = "lease every lane of the device" };
        var env = new Option<bool>("--env") { Description = "print the job's KEY=VALUE variables for the resource instead of the token" };
        var command = new Command("acquire", "lease a lane of a quantum resource and print its token") { name, config, jobId, ttl, wait, exclusive, env };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(ttl) < 1) throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "--ttl must be at least 1 second");
            if (parse.GetValue(wait) < 0) throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "--wait must not be negative");
            var environment = ProcessEnvironment.Snapshot();
            var definition = QrmiCommands.LoadConfig(parse.GetValue(config), environment).Get(parse.GetValue(name)!);
            var resource = new ResourceFactory().Create(definition);
            var request = new LeaseRequest
            {
                Holder = parse.GetValue(jobId) is { } job ? $"slurm:job:{job}" : LeaseRequest.DefaultHolder(),
                Ttl = TimeSpan.FromSeconds(parse.GetValue(ttl)),
                Wait = TimeSpan.FromSeconds(parse.GetValue(wait)),
                Exclusive = parse.GetValue(exclusive),
            };
            var lease = await resource.AcquireAsync(request, cancellationToken);
            if (!parse.GetValue(env))
            {
                Console.WriteLine(lease.Token);
                return CliRunner.Success;
            }
            Console.WriteLine($"{definition.Name}_QRMI_TYPE={definition.Type}");
            foreach (var (key, value) in definition.ToJobVariables())
                if (!key.EndsWith("_" + JobEnvironment.TokenKey, StringComparison.Ordinal) && !key.Contains('\n', StringComparison.Ordinal))
                    Console.WriteLine($"{key}={value}");
            Console.WriteLine($"{definition.Name}_{JobEnvironment.TokenKey}={lease.Token}");
            return CliRunner.Success;
        });
        return command;
    }
}
