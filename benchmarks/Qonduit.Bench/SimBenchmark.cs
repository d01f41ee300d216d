using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Cli.Bench;
using Qonduit.Devices;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;
using Spectre.Console;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench sim`: first this machine's in-place read+write bandwidth (2 threads, a buffer far larger than the
/// caches), then single gate passes and the reference circuits RC(n, 10) in both precisions, each beside the
/// memory-bound time that bandwidth implies; then noisy sampling on an ibm_fez-calibrated brickwork circuit.
/// </summary>
public static class SimBenchmark
{
    private const int Repetitions = 3;

    public static Command Create()
    {
        var qubits = new Option<string>("--qubits") { Description = "state sizes for gate passes and RC circuits", DefaultValueFactory = _ => "20,24,26,28" };
        var fusion = new Option<string>("--fusion") { Description = $"fusion block sizes to time on RC circuits (the default k is {GateFusion.DefaultMaxQubits})", DefaultValueFactory = _ => "2,3,4,5" };
        var noisy = new Option<string>("--noisy-qubits") { Description = "brickwork sizes for noisy sampling on ibm_fez (empty: skip)", DefaultValueFactory = _ => "12,16,20" };
        var budget = new Option<int>("--trajectories") { Description = "the trajectory budget timed beside the exact default (one error pattern per shot)", DefaultValueFactory = _ => 64 };
        var command = new Command("sim", "state-vector kernels, reference circuits and noisy sampling against this machine's memory bandwidth") { qubits, fusion, noisy, budget };
        command.SetAction(parse =>
        {
            Run(Sizes(parse.GetValue(qubits)), Sizes(parse.GetValue(fusion)), Sizes(parse.GetValue(noisy)), parse.GetValue(budget));
            return 0;
        });
        return command;
    }

    private static int[] Sizes(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];

    private static void Run(int[] sizes, int[] fusionSizes, int[] noisySizes, int budget)
    {
        var rows = new List<Row>();
        var noisyRows = new List<NoisyRow>();
        double bandwidth = 0;
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(progress =>
        {
            var memory = progress.AddTask("memory bandwidth (2 threads, in place)", maxValue: 1);
            bandwidth = MeasureBandwidth();
            memory.Increment(1);
            Warmup(fusionSizes);
            foreach (var n in sizes)
                foreach (var precision in new[] { Precision.Single, Precision.Double })
                {
                    var task = progress.AddTask($"n={n} {Name(precision)}", maxValue: 4);
                    rows.AddRange(GatePasses(n, precision, bandwidth, () => task.Increment(1)));
                    if (ReferenceCircuit(n) is { } path) rows.AddRange(ReferenceRuns(path, n, precision, fusionSizes, bandwidth));
                    task.Increment(1);
                }
            foreach (var n in noisySizes)
            {
                var task = progress.AddTask($"noisy ibm_fez brickwork n={n}, 1,024 shots", maxValue: 1);
                noisyRows.Add(Noisy(n, budget));
                task.Increment(1);
            }
        });
        Print(bandwidth, rows, noisyRows);
        var json = new JsonObject
        {
            ["bandwidthGBs"] = Math.Round(bandwidth, 2),
            ["loadAverage"] = BenchResults.LoadAverage(),
            ["kernels"] = new JsonArray([.. rows.Select(r => (JsonNode)r.ToJson())]),
            ["noisy"] = new JsonArray([.. noisyRows.Select(r => (JsonNode)r.ToJson())]),
        };
        AnsiConsole.MarkupLine($"[grey]appended to {Markup.Escape(BenchResults.Append("sim", json))}[/]");
    }

    /// <summary>In-place scale of a 1 GiB buffer by two threads; best of several sweeps; bytes read plus bytes written.</summary>
    private static unsafe double MeasureBandwidth()
    {
        const long bytes = 1L << 30;
        var buffer = (double*)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        try
        {
            var count = bytes / sizeof(double);
            Parallel.For(0, 2, half => new Span<double>(buffer + half * count / 2, (int)(count / 2)).Fill(1.0));
            var best = double.MaxValue;
            var pointer = (nint)buffer;
            for (var rep = 0; rep < 5; rep++)
            {
                var clock = Stopwatch.StartNew();
                Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, half =>
                {
                    var p = (double*)pointer + half * count / 2;
                    var factor = Vector256.Create(rep % 2 == 0 ? 1.0000001 : 1 / 1.0000001);
                    for (var end = p + count / 2; p < end; p += 4) (Vector256.Load(p) * factor).Store(p);
                });
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            return 2.0 * bytes / best / 1e9;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }

    /// <summary>Runs every kernel once on a small state so that no timed case pays for JIT compilation.</summary>
    private static void Warmup(int[] fusionSizes)
    {
        if (ReferenceCircuit(12) is not { } path) return;
        var plan = ExecutionPlan.FromCircuit(QasmParser.ParseFile(path));
        foreach (var precision in new[] { Precision.Single, Precision.Double })
            foreach (var k in fusionSizes.Append(0))
                ShotExecutor.FinalState(plan, new ExecutionOptions { Precision = precision, FusionQubits = k }).Dispose();
    }

    private static IEnumerable<Row> GatePasses(int n, Precision precision, double bandwidth, Action step)
    {
        using var state = StateVector.Create(n, precision);
        var u = GateLibrary.Get("u").Matrix([0.3, 0.2, 0.1]);
        var cz = GateLibrary.Get("cz").Matrix([]);
        var cases = new (string Name, CompiledMatrix Gate)[]
        {
            ("1q pass, qubit 0", CompiledMatrix.Compile([0], u, GateStructure.General)),
            ($"1q pass, qubit {n - 1}", CompiledMatrix.Compile([n - 1], u, GateStructure.General)),
            ($"cz pass, qubits 0,{n - 1}", CompiledMatrix.Compile([0, n - 1], cz, GateStructure.Diagonal)),
        };
        var rows = new List<Row>();
        foreach (var (name, gate) in cases)
        {
            state.Apply(gate);
            var best = double.MaxValue;
            var cpu = CpuSeconds();
            for (var rep = 0; rep < Repetitions; rep++)
            {
                var clock = Stopwatch.StartNew();
                state.Apply(gate);
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            rows.Add(new Row(name, n, precision, null, best, (CpuSeconds() - cpu) / Repetitions, 1, 1, state.Bytes, bandwidth));
            step();
        }
        return rows;
    }

    private static string? ReferenceCircuit(int n) =>
        SourceCheckout.Root() is { } root && Path.Combine(root, "data", "bench-circuits", $"rc_n{n}_d10.qasm") is var path && File.Exists(path)
            ? path
            : null;

    private static IEnumerable<Row> ReferenceRuns(string path, int n, Precision precision, int[] fusionSizes, double bandwidth)
    {
        var plan = ExecutionPlan.FromCircuit(QasmParser.ParseFile(path));
        var gates = plan.Ops.OfType<ExecutionOp.Unitary>().ToArray();
        foreach (var k in fusionSizes)
        {
            var options = new ExecutionOptions { Precision = precision, FusionQubits = k };
            var cpu = CpuSeconds();
            var clock = Stopwatch.StartNew();
            using var state = ShotExecutor.FinalState(plan, options);
            var seconds = clock.Elapsed.TotalSeconds;
            yield return new Row($"RC({n},10) k={k}", n, precision, k, seconds, CpuSeconds() - cpu, gates.Length, GateFusion.Fuse(gates, k).Count, state.Bytes, bandwidth);
        }
    }

    /// <summary>
    /// Brickwork on ibm_fez qubits 0…n-1 (rz·sx on every qubit, then cz on alternating matchings of its couplers):
    /// the noiseless run (best of three), the exact default (one error pattern per shot) and a trajectory budget.
    /// A small noisy run first keeps JIT compilation out of all three.
    /// </summary>
    private static NoisyRow Noisy(int n, int budget)
    {
        var device = DeviceSource.Load("ibm_fez");
        var options = new SimulationOptions { Shots = 1024, Seed = 1 };
        Simulator.Run(Brickwork(device, 4, layers: 2), device, options with { Trajectories = budget });
        var circuit = Brickwork(device, n, layers: 10);
        var idealSeconds = Enumerable.Range(0, 3).Min(_ => Time(() => Simulator.Run(circuit, device, options with { Noise = false })).Seconds);
        var (exactSeconds, exact) = Time(() => Simulator.Run(circuit, device, options));
        var (budgetSeconds, budgeted) = Time(() => Simulator.Run(circuit, device, options with { Trajectories = budget }));
        return new NoisyRow(n, exact.Shots, idealSeconds, new NoisyMode(exactSeconds, exact.Simulations), budget, new NoisyMode(budgetSeconds, budgeted.Simulations));
    }

    private static (double Seconds, SimulationResult Result) Time(Func<SimulationResult> run)
    {
        var clock = Stopwatch.StartNew();
        var result = run();
        return (clock.Elapsed.TotalSeconds, result);
    }

    private static Circuit Brickwork(DeviceSnapshot device, int n, int layers)
    {
        var couplers = device.Couplers.Where(c => c.Control < c.Target && c.Target < n && c.Status == CouplerStatus.Available).ToList();
        var matchings = new List<List<Coupler>>();
        foreach (var coupler in couplers)
        {
            var fit = matchings.FirstOrDefault(m => m.All(o => o.Control != coupler.Control && o.Control != coupler.Target && o.Target != coupler.Control && o.Target != coupler.Target));
            if (fit is null) matchings.Add(fit = []);
            fit.Add(coupler);
        }
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        b.AddClassicalRegister("c", n);
        var random = new Random(n);
        for (var layer = 0; layer < layers; layer++)
        {
            for (var q = 0; q < n; q++) b.Gate("rz", [(ParameterExpression)(random.NextDouble() * 2 * Math.PI)], q).Gate("sx", q);
            foreach (var c in matchings[layer % matchings.Count]) b.Gate("cz", c.Control, c.Target);
        }
        for (var q = 0; q < n; q++) b.Measure(q, q);
        return b.Build();
    }

    private static void Print(double bandwidth, List<Row> rows, List<NoisyRow> noisyRows)
    {
        AnsiConsole.MarkupLine($"memory bandwidth (in-place read+write, 2 threads): [bold]{bandwidth:F1} GB/s[/]");
        AnsiConsole.MarkupLine($"[grey]load average {BenchResults.LoadAverage()}; cpu/core is CPU time divided by {Environment.ProcessorCount} cores (the time without other work)[/]");
        var table = new Table().AddColumns("case", "precision", "time", "cpu/core", "GB/s", "of bandwidth", "memory bound", "passes → fused");
        foreach (var r in rows)
            table.AddRow(r.Name, Name(r.Precision), Seconds(r.Seconds), Seconds(r.CpuSeconds / Environment.ProcessorCount), $"{r.GigabytesPerSecond:F1}",
                $"{r.Fraction:P0}", Seconds(r.BoundSeconds), r.Gates == 1 ? "1" : $"{r.Gates} → {r.Passes}");
        AnsiConsole.Write(table);
        if (noisyRows.Count == 0) return;
        var noisy = new Table().AddColumns("brickwork on ibm_fez", "shots", "noiseless", "exact (pattern per shot)", "ratio", "simulations", "budget", "ratio", "simulations");
        foreach (var r in noisyRows)
            noisy.AddRow($"n={r.Qubits}", $"{r.Shots}", Seconds(r.IdealSeconds), Seconds(r.Exact.Seconds), $"{r.Exact.Seconds / r.IdealSeconds:F1}×", $"{r.Exact.Simulations}",
                $"{r.Budget}: {Seconds(r.Budgeted.Seconds)}", $"{r.Budgeted.Seconds / r.IdealSeconds:F1}×", $"{r.Budgeted.Simulations}");
        AnsiConsole.Write(noisy);
    }

    /// <summary>CPU time of this process: on a machine shared with other work, CPU seconds / cores estimates the uncontended time.</summary>
    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string Seconds(double s) => s < 1 ? $"{s * 1000:F1} ms" : $"{s:F2} s";

    private static string Name(Precision precision) => precision == Precision.Double ? "double" : "single";

    /// <summary>
    /// One timed case. GB/s counts one read and one write of the state per pass actually made; the bound is the time
    /// those passes take at the measured bandwidth, so a fraction near 100% means memory-bound.
    /// </summary>
    private sealed record Row(
        string Name, int Qubits, Precision Precision, int? Fusion, double Seconds, double CpuSeconds, int Gates, int Passes, long StateBytes, double Bandwidth)
    {
        public double BoundSeconds => 2.0 * StateBytes * Passes / (Bandwidth * 1e9);

        public double GigabytesPerSecond => 2.0 * StateBytes * Passes / Seconds / 1e9;

        public double Fraction => GigabytesPerSecond / Bandwidth;

        public JsonObject ToJson() => new()
        {
            ["case"] = Name,
            ["qubits"] = Qubits,
            ["precision"] = SimBenchmark.Name(Precision),
            ["fusion"] = Fusion,
            ["seconds"] = Math.Round(Seconds, 5),
            ["cpuSeconds"] = Math.Round(CpuSeconds, 4),
            ["gbPerS"] = Math.Round(GigabytesPerSecond, 2),
            ["fractionOfBandwidth"] = Math.Round(Fraction, 3),
            ["boundSeconds"] = Math.Round(BoundSeconds, 5),
            ["gates"] = Gates,
            ["passes"] = Passes,
        };
    }

    private sealed record NoisyMode(double Seconds, int Simulations);

    /// <summary>The exact default's figures keep their earlier names (noisySeconds, ratio, simulations) so lines compare across commits.</summary>
    private sealed record NoisyRow(int Qubits, int Shots, double IdealSeconds, NoisyMode Exact, int Budget, NoisyMode Budgeted)
    {
        public JsonObject ToJson() => new()
        {
            ["qubits"] = Qubits,
            ["shots"] = Shots,
            ["noisySeconds"] = Math.Round(Exact.Seconds, 4),
            ["noiselessSeconds"] = Math.Round(IdealSeconds, 4),
            ["ratio"] = Math.Round(Exact.Seconds / IdealSeconds, 2),
            ["simulations"] = Exact.Simulations,
            ["budgetTrajectories"] = Budget,
            ["budgetSeconds"] = Math.Round(Budgeted.Seconds, 4),
            ["budgetRatio"] = Math.Round(Budgeted.Seconds / IdealSeconds, 2),
            ["budgetSimulations"] = Budgeted.Simulations,
        };
    }
}
