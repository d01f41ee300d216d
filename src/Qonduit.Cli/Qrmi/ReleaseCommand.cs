using System.CommandLine;
using Qonduit.Circuits;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi.Config;
using Qonduit.Cli.Slurm;
using Qonduit.Qrmi.Provider;
using Qonduit.Qrmi.Vqpu;
using Qonduit.Scheduling.Slurm;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi release NAME [TOKEN] [--job-id J]`: idempotent, so it succeeds for a token already released or expired.
/// With --job-id (the Slurm plugin's exit hook gives it), a control-plane QPU's usage by the job's lease is then written into
/// job J's AdminComment (<see cref="JobAdminComment"/>); that failing is reported on stderr and leaves the release done.
/// </summary>
internal static class ReleaseCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "resource name in qrmi_config.json" };
        var token = QrmiCommands.TokenArgument();
        var config = QrmiCommands.ConfigOption();
        var job = new Option<uint?>("--job-id") { Description = "the Slurm job the lease served: its AdminComment records the lane-seconds, shots and tasks spent" };
        var command = new Command("release", "release a lease of a quantum resource") { name, token, config, job };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environment = ProcessEnvironment.Snapshot();
            var definition = QrmiCommands.LoadConfig(parse.GetValue(config), environment).Get(parse.GetValue(name)!);
            var resource = new ResourceFactory().Create(definition);
            var leaseToken = QrmiCommands.Token(parse.GetValue(token), definition);
            await resource.ReleaseAsync(leaseToken, cancellationToken);
            if (parse.GetValue(job) is { } jobId && resource is QonduitVqpuResource vqpu
                && await RecordAsync(vqpu, leaseToken, jobId, cancellationToken) is { } failure)
            {
                Console.Error.WriteLine($"warning: the AdminComment of job {jobId} was not written: {failure}");
            }
            return CliRunner.Success;
        });
        return command;
    }

    private static async Task<string?> RecordAsync(QonduitVqpuResource vqpu, string token, uint jobId, CancellationToken cancellationToken)
    {
        try
        {
            var used = await vqpu.LeaseUsageAsync(token, cancellationToken);
            return await JobAdminComment.RecordAsync(new ProcessCommandRunner(), jobId, vqpu.ResourceId, used, cancellationToken);
        }
        catch (QonduitException e)
        {
            // The lease is released whatever happens here: the job's end must not read as a failed release.
            return $"its lease's usage could not be read: {e.Message} [{e.Code}]";
        }
    }
}
