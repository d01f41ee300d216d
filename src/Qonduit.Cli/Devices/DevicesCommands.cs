using System.CommandLine;
using Qonduit.Devices;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Import;
using Qonduit.Devices.Snapshots;
using Qonduit.Cli.Infrastructure;

namespace Qonduit.Cli.Devices;

/// <summary>`qonduit devices import|generate|show|list`: make, inspect and list calibration snapshots.</summary>
public static class DevicesCommands
{
    public static Command Create()
    {
        var devices = new Command("devices", "create and inspect device calibration snapshots");
        devices.Subcommands.Add(Import());
        devices.Subcommands.Add(Generate());
        devices.Subcommands.Add(Show());
        devices.Subcommands.Add(List());
        return devices;
    }

    private static Option<string?> OutputOption() => new("--output", "-o") { Description = "snapshot file to write (default: standard output)" };

    private static Command Import()
    {
        var ibm = new Option<string[]>("--ibm")
        {
            Description = "an IBM backend's configuration and properties JSON (conf_*.json props_*.json)",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var output = OutputOption();
        var command = new Command("import", "convert vendor calibration files into a snapshot") { ibm, output };
        command.SetAction(parse =>
        {
            var files = parse.GetValue(ibm)!;
            var snapshot = IbmBackendImporter.Import(File.ReadAllText(files[0]), File.ReadAllText(files[1]));
            return Write(snapshot, parse.GetValue(output));
        });
        return command;
    }

    private static Command Generate()
    {
        var families = Enum.GetValues<TopologyFamily>().Select(GeneratorSpec.FamilyName).ToArray();
        var family = new Argument<string>("family") { Description = $"topology: {string.Join(", ", families)}" };
        family.AcceptOnlyFromAmong(families);
        var qubits = new Option<int>("--qubits", "-n") { Description = "number of qubits (heavy-hex 127, 133 and 156 give IBM's Eagle and Heron layouts)", Required = true };
        var seed = new Option<int>("--seed") { Description = "seed of the calibration draw", DefaultValueFactory = _ => 0 };
        var ideal = new Option<bool>("--ideal") { Description = "no noise: every error zero, no T1/T2" };
        var name = new Option<string?>("--name") { Description = "device name (default <family>-<qubits>)" };
        var output = OutputOption();
        var command = new Command("generate", "generate a synthetic device with a seeded realistic calibration") { family, qubits, seed, ideal, name, output };
        command.SetAction(parse =>
        {
            GeneratorSpec.TryParseFamily(parse.GetValue(family)!, out var topology);
            var spec = new GeneratorSpec(topology, parse.GetValue(qubits), parse.GetValue(seed), parse.GetValue(ideal), parse.GetValue(name));
            return Write(DeviceGenerator.Generate(spec), parse.GetValue(output));
        });
        return command;
    }

    private static Command Show()
    {
        var device = new Argument<string>("device") { Description = "snapshot file or bundled device name" };
        var command = new Command("show", "summarise a snapshot: size, native gates, median and worst calibration, what is broken") { device };
        command.SetAction(parse =>
        {
            var snapshot = DeviceSource.Load(parse.GetValue(device)!);
            DeviceSummaryView.Render(snapshot, SnapshotSummary.Of(snapshot));
            return CliRunner.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "list the devices bundled with qonduit (usable as --device NAME)");
        command.SetAction(_ =>
        {
            foreach (var name in BundledDevices.Names)
            {
                BundledDevices.TryGet(name, out var snapshot);
                Console.WriteLine($"{name,-14} {snapshot.NumQubits,4} qubits  {snapshot.Couplers.Length,4} couplers  {snapshot.Source}");
            }
            return CliRunner.Success;
        });
        return command;
    }

    private static int Write(DeviceSnapshot snapshot, string? path)
    {
        if (path is null)
        {
            Console.WriteLine(SnapshotJson.Serialize(snapshot));
            return CliRunner.Success;
        }
        SnapshotJson.Save(snapshot, path);
        Console.Error.WriteLine($"wrote {snapshot.Device} ({snapshot.NumQubits} qubits, {snapshot.Couplers.Length} directed couplers) to {path}; hash {SnapshotHash.Compute(snapshot)}");
        return CliRunner.Success;
    }
}
