using System.CommandLine;
using System.Text.Json;
using Qonduit.Cli.Infrastructure;
using Qonduit.Qrmi;
using Qonduit.Qrmi.Config;
using Qonduit.Qrmi.Local;
using Qonduit.Qrmi.Primitives;
using Qonduit.Client.Primitives;
using Qonduit.Qrmi.Provider;

namespace Qonduit.Cli.Qrmi;

/// <summary>
/// `qonduit qrmi run FILE [--resource NAME]`: samples a circuit on a QRMI resource and prints the counts as JSON.
/// Inside a `sbatch --qpu` job it needs nothing else: the resource, its settings and the job's lease come from the
/// environment the plugin set.
/// </summary>
internal static class RunOnResourceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 circuit" };
        var resourceName = new Option<string?>("--resource", "-r") { Description = "resource name (default: the job's first QPU)" };
        var config = QrmiCommands.ConfigOption();
        var shots = new Option<int>("--shots", "-s") { Description = "number of shots", DefaultValueFactory = _ => 1024 };
        var seed = new Option<ulong?>("--seed") { Description = "seed, for a reproducible result" };
        var command = new Command("run", "sample a circuit on a QRMI resource (from the job environment or the configuration)")
        {
            file, resourceName, config, shots, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var provider = QrmiCommands.Provider(parse.GetValue(config), ProcessEnvironment.Snapshot(), new ResourceFactory());
            var resource = parse.GetValue(resourceName) is { } name ? provider.Get(name)
                : provider.Resources.FirstOrDefault() ?? throw new QrmiConfigException("no quantum resource is configured");
            var source = await File.ReadAllTextAsync(parse.GetValue(file)!, cancellationToken);
            var result = (await new Sampler(resource.AsSamplingTarget(), parse.GetValue(shots), parse.GetValue(seed)).RunAsync([new SamplerPub(source)], cancellationToken: cancellationToken))[0];
            if (resource is LocalSimulatorResource local) await local.DrainAsync();
            var document = new Dictionary<string, object?>
            {
                ["resource"] = resource.ResourceId,
                ["type"] = resource.Type,
                ["taskId"] = result.Result.TaskId,
                ["shots"] = result.Result.Shots,
                ["seed"] = result.Result.Seed,
                ["boundSnapshotVersion"] = result.Result.BoundSnapshotVersion,
                ["counts"] = result.Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary(),
            };
            Console.WriteLine(JsonSerializer.Serialize(document));
            return CliRunner.Success;
        });
        return command;
    }
}
