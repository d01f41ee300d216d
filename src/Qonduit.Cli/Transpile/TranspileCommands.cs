using System.CommandLine;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Cli.Infrastructure;
using Qonduit.Devices;
using Qonduit.Transpiler;
using Qonduit.Transpiler.Routing;
using TranspilerRun = Qonduit.Transpiler.Transpiler;

namespace Qonduit.Cli.Transpile;

/// <summary>
/// `qonduit transpile FILE --device D [--layout L] [--routing R] [--passes a,b] [--seed S] [-o out.qasm]` and
/// `qonduit transpile --list-passes`. The summary (layout, sizes before and after) goes to stdout when the circuit is
/// written to a file, to stderr when the circuit itself goes to stdout.
/// </summary>
public static class TranspileCommands
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "OpenQASM 2 or 3 circuit", Arity = ArgumentArity.ZeroOrOne };
        var device = new Option<string?>("--device", "-d") { Description = "snapshot file or bundled device name" };
        var layout = new Option<string>("--layout") { Description = "trivial, dense or noise-aware", DefaultValueFactory = _ => "noise-aware" };
        var routing = new Option<string>("--routing") { Description = "sabre or greedy (the shortest-path baseline)", DefaultValueFactory = _ => "sabre" };
        var passes = new Option<string?>("--passes") { Description = "comma-separated pass names, in order (default: the full pipeline)" };
        var listPasses = new Option<bool>("--list-passes") { Description = "list the passes and the default pipeline, then exit" };
        var seed = new Option<int>("--seed") { Description = "seed for the router's tie-breaking", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "write the native circuit (OpenQASM 2) here instead of stdout" };
        var command = new Command("transpile", "map a logical circuit onto a device's native gates and couplers")
        {
            file, device, layout, routing, passes, listPasses, seed, output,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(listPasses))
            {
                foreach (var pass in TranspilerRun.Passes) Console.WriteLine($"{pass.Name,-14} {pass.Description}");
                Console.WriteLine($"default: {string.Join(",", TranspilerRun.DefaultPasses)}");
                return CliRunner.Success;
            }
            var path = parse.GetValue(file) ?? throw new TranspileUsageException("give a circuit file (or --list-passes)");
            var deviceName = parse.GetValue(device) ?? throw new TranspileUsageException("give --device (a snapshot file or bundled device name)");
            var options = new TranspileOptions(
                TranspileOptions.ParseLayout(parse.GetValue(layout)!),
                ParseRouting(parse.GetValue(routing)!),
                parse.GetValue(passes) is { } names ? TranspileOptions.ParsePasses(names) : null,
                parse.GetValue(seed));
            var snapshot = DeviceSource.Load(deviceName);
            var circuit = QasmParser.ParseFile(path);
            var result = TranspilerRun.Run(circuit, snapshot, options);

            var text = QasmPrinter.Print(result.Circuit, QasmDialect.OpenQasm2, dropGlobalPhase: true);
            var target = parse.GetValue(output);
            if (target is not null) File.WriteAllText(target, text);
            else Console.Out.Write(text);
            TranspileSummary.Write(target is null ? Console.Error : Console.Out, path, snapshot.Device, options, result);
            return CliRunner.Success;
        });
        return command;
    }

    private static RoutingStrategy ParseRouting(string text) => text.ToLowerInvariant() switch
    {
        "sabre" => RoutingStrategy.Sabre,
        "greedy" => RoutingStrategy.Greedy,
        _ => throw new TranspileUsageException($"unknown routing '{text}': use sabre or greedy"),
    };
}

public sealed class TranspileUsageException(string message) : Circuits.QonduitException(ErrorCodes.Transpile.Usage, message);
