using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Qonduit.Placement.Indices;
using Qonduit.Placement.Requirements;
using Qonduit.Placement.Requirements.Evaluation;
using Qonduit.Placement.Requirements.Reservations;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench placement`: one placement decision, both alternatives of the QPU-else-simulator requirement of
/// docs/orchestration.md (select[] and order[], a consumable index under reservations), over 1,000 lanes reporting 20
/// indices each, some stale; the p99 of the decision beside the issue's bound of 5 ms.
/// </summary>
public static class PlacementBenchmark
{
    private const double BoundP99Ms = 5;

    private const string Requirement =
        "{select[kind=='qpu' && qpu_fidelity>=0.99 && qpu_calibration_age<3600 && slots_free>=1] order[qpu_queue_depth:qpu_fidelity] rusage[slots_free=1:duration=10m:decay=1]}" +
        " || {select[kind=='sim' && ifdef(cpu_util,100)<80 && defined(mem_free) && (2*load_1m+3*load_15m)/6<1 && !draining] order[cpu_util:-mem_free]}@30s";

    private static readonly string[] Numeric =
    [
        "num_qubits", "qpu_fidelity", "qpu_readout_fidelity", "qpu_calibration_age", "qpu_queue_depth", "qpu_lanes_free",
        "cpu_util", "gpu_util", "gpu_mem", "mem_free", "load_1m", "load_15m", "slots_free", "io_wait", "net_rx", "net_tx",
        "temp_mk", "swap_free",
    ];

    public static Command Create()
    {
        var lanes = new Option<int>("--lanes") { Description = "lanes to place over", DefaultValueFactory = _ => 1000 };
        var runs = new Option<int>("--runs") { Description = "timed placement decisions (after a warm-up)", DefaultValueFactory = _ => 2000 };
        var command = new Command("placement", "requirement evaluation (select, order, rusage) over 1,000 lanes x 20 indices, p99 beside the 5 ms bound") { lanes, runs };
        command.SetAction(parse =>
        {
            Run(Math.Max(1, parse.GetValue(lanes)), Math.Max(1, parse.GetValue(runs)));
            return 0;
        });
        return command;
    }

    private static void Run(int laneCount, int runs)
    {
        var now = DateTimeOffset.UtcNow;
        var catalog = new IndexCatalog([
            new IndexDeclaration("kind", IndexType.String),
            new IndexDeclaration("draining", IndexType.Boolean),
            .. Numeric.Select(name => new IndexDeclaration(name, IndexType.Numeric,
                increasing: name is not ("qpu_fidelity" or "qpu_readout_fidelity" or "mem_free" or "slots_free" or "qpu_lanes_free"),
                consumable: name == "slots_free")),
        ]);
        var requirement = RequirementRules.Admit(Requirement, catalog);
        var lanes = Lanes(laneCount, now);
        var ledger = new ReservationLedger();
        // Every tenth lane already runs a task that reserved a slot a minute ago (decaying), so select[] subtracts it.
        foreach (var lane in lanes.Where((_, i) => i % 10 == 0))
            ledger.Reserve($"task-{lane.LaneId}", lane.LaneId, requirement.Alternatives[0].Requirement.Usage, now - TimeSpan.FromMinutes(1));
        var evaluator = new RequirementEvaluator(catalog, ledger);

        var chosen = 0;
        void Decide()
        {
            foreach (var alternative in requirement.Alternatives)
                chosen += evaluator.Candidates(alternative.Requirement, lanes, now).Count;
        }

        for (var i = 0; i < Math.Min(runs, 200); i++) Decide();
        var samples = new double[runs];
        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var gcStart = GC.CollectionCount(0);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            Decide();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        process.Refresh();
        // Wall percentiles include every preemption of a shared machine; CPU per decision is what the work costs.
        var cpuMeanMs = (process.TotalProcessorTime - cpuStart).TotalMilliseconds / runs;
        var collections = GC.CollectionCount(0) - gcStart;
        Array.Sort(samples);
        double P(double p) => samples[Math.Clamp((int)Math.Ceiling(p * runs) - 1, 0, runs - 1)];
        var perRun = requirement.Alternatives.Sum(a => evaluator.Candidates(a.Requirement, lanes, now).Count);
        Console.WriteLine($"qonduit bench placement: {laneCount} lanes x {Numeric.Length + 2} indices, {requirement.Alternatives.Count} alternatives, " +
                          $"{perRun} candidates per decision, {runs} decisions, {Environment.ProcessorCount} cores, load average {BenchResults.LoadAverage()}");
        Console.WriteLine($"  decision p50 {P(0.5):F3} ms   p99 {P(0.99):F3} ms   max {samples[^1]:F3} ms   cpu mean {cpuMeanMs:F3} ms   {collections} gen0 GCs   target p99 <= {BoundP99Ms} ms  {(P(0.99) <= BoundP99Ms ? "met" : "MISSED")}");
        var figures = new JsonObject
        {
            ["lanes"] = laneCount,
            ["indices"] = Numeric.Length + 2,
            ["runs"] = runs,
            ["candidatesPerDecision"] = perRun,
            ["decisionMsP50"] = Math.Round(P(0.5), 4),
            ["decisionMsP99"] = Math.Round(P(0.99), 4),
            ["decisionMsMax"] = Math.Round(samples[^1], 4),
            ["decisionCpuMsMean"] = Math.Round(cpuMeanMs, 4),
            ["gen0Collections"] = collections,
            ["loadAverage"] = BenchResults.LoadAverage(),
            ["boundP99Ms"] = BoundP99Ms,
        };
        Console.WriteLine($"appended to {BenchResults.Append("placement", figures)}");
        GC.KeepAlive(chosen);
    }

    /// <summary>A mixed fleet: a fifth QPU lanes, the rest simulator lanes; one in twenty with its loads gone stale, one in 97 down.</summary>
    private static List<LaneCandidate> Lanes(int count, DateTimeOffset now)
    {
        var random = new Random(15);
        var lanes = new List<LaneCandidate>(count);
        for (var i = 0; i < count; i++)
        {
            var qpu = i % 5 == 0;
            var arrived = i % 20 == 7 ? now - TimeSpan.FromMinutes(1) : now - TimeSpan.FromSeconds(random.Next(0, 10));
            var indices = new Dictionary<string, IndexSample>(StringComparer.Ordinal)
            {
                ["kind"] = new(IndexValue.Of(qpu ? "qpu" : "sim"), now, Timeout.InfiniteTimeSpan),
                ["draining"] = new(IndexValue.Of(i % 50 == 3 ? 1 : 0), arrived, IndexDeclaration.DefaultInterval),
            };
            foreach (var name in Numeric)
            {
                var value = name switch
                {
                    "qpu_fidelity" or "qpu_readout_fidelity" => 0.98 + 0.02 * random.NextDouble(),
                    "qpu_calibration_age" => random.Next(0, 7200),
                    "load_1m" or "load_15m" => 2 * random.NextDouble(),
                    "cpu_util" or "gpu_util" => random.Next(0, 100),
                    _ => random.Next(0, 64),
                };
                indices[name] = new IndexSample(IndexValue.Of(value), arrived, IndexDeclaration.DefaultInterval);
            }
            lanes.Add(new LaneCandidate($"lane-{i:D4}", Up: i % 97 != 0, indices));
        }
        return lanes;
    }
}
