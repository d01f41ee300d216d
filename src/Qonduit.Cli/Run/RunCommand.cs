using System.CommandLine;
using System.Diagnostics;
using Qonduit.Circuits;
using Qonduit.Circuits.Qasm;
using Qonduit.Cli.Infrastructure;
using Qonduit.Cli.Results;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Devices;
using Qonduit.Devices.Admission;
using Qonduit.Simulation;
using Qonduit.Simulation.Estimation;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;
using Qonduit.Transpiler;

namespace Qonduit.Cli.Run;

/// <summary>
/// `qonduit run FILE (--device D | --ideal)`: simulates a circuit on a device snapshot (with its noise) or ideally,
/// and prints the most frequent outcomes as a histogram (or the most probable, exact), or JSON with timings.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "OpenQASM 2 or 3 circuit" };
        var device = new Option<string?>("--device", "-d") { Description = "snapshot file or bundled device name; the circuit must be admissible on it" };
        var ideal = new Option<bool>("--ideal") { Description = "no device: any circuit, no noise" };
        var shots = new Option<int>("--shots", "-s") { Description = "number of shots", DefaultValueFactory = _ => 1024 };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the xoshiro256** stream (reported when drawn at random)" };
        var noise = new Option<string>("--noise") { Description = "apply the device's noise: on or off", DefaultValueFactory = _ => "on" };
        noise.AcceptOnlyFromAmong("on", "off");
        var precision = new Option<string>("--precision") { Description = "amplitude precision: double or single", DefaultValueFactory = _ => "double" };
        precision.AcceptOnlyFromAmong("double", "single");
        var exact = new Option<bool>("--exact") { Description = "exact outcome probabilities instead of sampled counts (terminal measurements)" };
        var outcomes = new Option<string[]>("--outcomes")
        {
            Description = "with --exact: probabilities of these outcomes (Qiskit bit order, comma or space separated)",
            AllowMultipleArgumentsPerToken = true,
        };
        var observable = new Option<string?>("--observable") { Description = "Pauli sum to estimate, e.g. \"0.5*ZZI - 0.2*XIX\" (Qiskit label order)" };
        var fusion = new Option<int>("--fusion") { Description = "largest fused gate block in qubits (0 = off)", DefaultValueFactory = _ => GateFusion.DefaultMaxQubits };
        var trajectories = new Option<int?>("--trajectories")
        {
            Description = "with noise: draw at most N error patterns and spread the shots over them (unbiased, correlated; default one per shot)",
        };
        var noTranspile = new Option<bool>("--no-transpile") { Description = "require a circuit already native to the device instead of transpiling it" };
        var json = new Option<bool>("--json") { Description = "print JSON (counts or probabilities, seed, timings)" };

        var command = new Command("run", "simulate a circuit on a device snapshot or ideally")
        {
            file, device, ideal, shots, seed, noise, precision, exact, outcomes, observable, fusion, trajectories, noTranspile, json,
        };
        var listing = new OutcomeOptions();
        listing.AddTo(command);
        command.SetAction(parse =>
        {
            var deviceName = parse.GetValue(device);
            if ((deviceName is null) == !parse.GetValue(ideal))
                throw new QonduitException(ErrorCodes.Cli.InvalidArguments, "give exactly one of --device SNAPSHOT|NAME and --ideal");
            var path = parse.GetValue(file)!;
            var top = listing.Top(parse);
            var precisionValue = parse.GetValue(precision) == "single" ? Precision.Single : Precision.Double;
            RunWarmup.Start(deviceName, new SimulationOptions { Precision = precisionValue, FusionQubits = parse.GetValue(fusion) });
            var clock = Stopwatch.StartNew();
            var circuit = QasmParser.ParseFile(path);
            var parseMs = clock.Elapsed.TotalMilliseconds;
            var snapshot = deviceName is null ? null : DeviceSource.Load(deviceName);
            IReadOnlyList<int>? observableQubits = null;
            double transpileMs = 0;
            if (snapshot is not null && Admissibility.Check(circuit, snapshot) is { IsAdmissible: false } report)
            {
                // A logical circuit is mapped onto the device; with --no-transpile it must already be native.
                if (parse.GetValue(noTranspile)) throw new AdmissionException(report);
                clock.Restart();
                var mapped = Transpiler.Transpiler.Run(circuit, snapshot, new TranspileOptions(Seed: (int)(parse.GetValue(seed) ?? 0)));
                Console.Error.WriteLine(
                    $"transpiled for {snapshot.Device}: layout [{string.Join(", ", mapped.InitialLayout)}], " +
                    $"{mapped.After.TwoQubitGates} 2q gates, depth {mapped.After.Depth}, {mapped.SwapsAdded} swaps");
                transpileMs = clock.Elapsed.TotalMilliseconds;
                circuit = mapped.Circuit;
                // The observable names logical qubits; each is read where routing left it.
                observableQubits = mapped.FinalPermutation;
            }
            var options = new SimulationOptions
            {
                Shots = parse.GetValue(shots),
                Seed = parse.GetValue(seed),
                Noise = parse.GetValue(noise) == "on",
                Precision = precisionValue,
                Exact = parse.GetValue(exact),
                // One more than listed, so the listing knows whether more outcomes exist.
                Top = top is { } k && k < int.MaxValue ? k + 1 : int.MaxValue,
                Outcomes = SplitOutcomes(parse.GetValue(outcomes)),
                FusionQubits = parse.GetValue(fusion),
                Trajectories = parse.GetValue(trajectories),
            };
            var run = new RunReport(path, snapshot?.Device ?? "ideal", snapshot?.Version, parseMs) { TranspileMs = transpileMs };
            if (parse.GetValue(observable) is { } text)
            {
                // Exact unless shots were asked for explicitly: then every term is sampled with that many shots.
                var sampled = parse.GetResult(shots) is { Implicit: false } && !options.Exact;
                var estimate = Estimator.Run(circuit, text, snapshot,
                    new EstimatorOptions { Shots = sampled ? options.Shots : null, Seed = options.Seed, Simulation = options, Qubits = observableQubits });
                run.PrintEstimate(text, estimate, parse.GetValue(json));
                return CliRunner.Success;
            }
            var result = Simulator.Run(circuit, snapshot, options);
            run.Print(result with { Timings = result.Timings with { ParseMs = parseMs } }, ClassicalRegisterShape.Of(circuit),
                options.Outcomes is null ? top : null, parse.GetValue(json));
            return CliRunner.Success;
        });
        return command;
    }

    private static string[]? SplitOutcomes(string[]? values) =>
        values is null or { Length: 0 }
            ? null
            : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
