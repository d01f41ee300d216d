using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Qonduit.Bench.EndToEnd;
using Qonduit.Client;
using Qonduit.Contracts.Tasks;
using Qonduit.Server;

namespace Qonduit.Bench;

/// <summary>
/// `qonduit bench e2e`: the whole path (control plane in this process, a real `qonduit agent` process, `qonduit runner`
/// jobs through local processes or the real Slurm cluster) with random circuits of growing width, one task at a time so
/// each meets an idle agent already long-polling. Per task the wait is cut into stages (<see cref="TaskTiming"/>);
/// the table shows the service's overhead staying flat while the simulation doubles per qubit.
/// </summary>
public static class EndToEndBenchmark
{
    private const double QueueToClaimTargetMs = 50;
    private const double SlurmOverheadTargetMs = 1500;
    private const int Layers = 10;

    public static Command Create()
    {
        var scheduler = new Option<string>("--scheduler") { Description = "local, slurm or both", DefaultValueFactory = _ => "local" };
        var qubits = new Option<string>("--qubits") { Description = "circuit widths, comma-separated (5 to 24)", DefaultValueFactory = _ => "5,10,15,20,24" };
        var tasks = new Option<int>("--tasks") { Description = "tasks per width (medians are reported)", DefaultValueFactory = _ => 3 };
        var shots = new Option<int>("--shots") { Description = "shots per task", DefaultValueFactory = _ => 1000 };
        var command = new Command("e2e", "per-task admission, queue→claim, claim→job start, execution and report→visible through the real agent, local or Slurm");
        command.Options.Add(scheduler);
        command.Options.Add(qubits);
        command.Options.Add(tasks);
        command.Options.Add(shots);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var schedulers = Schedulers(parse.GetValue(scheduler)!);
            var widths = Widths(parse.GetValue(qubits)!);
            var perWidth = Math.Max(1, parse.GetValue(tasks));
            if (schedulers.Contains("slurm")) RequireSlurm();
            // The user key runs one task at a time (a few requests per task), far below the default per-key rate limit,
            // so the benchmark runs with it as `qonduit serve` does.
            var rateLimit = new ServerOptions().UserRequestsPerSecond;
            Console.WriteLine($"qonduit bench e2e: user key rate limit {rateLimit} requests/s (the serve default)");
            var figures = new JsonObject
            {
                ["tasksPerWidth"] = perWidth, ["shots"] = parse.GetValue(shots), ["layers"] = Layers, ["userRequestsPerSecond"] = rateLimit,
            };
            foreach (var name in schedulers)
                figures[name] = await RunAsync(name, widths, perWidth, parse.GetValue(shots), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"appended to {BenchResults.Append("e2e", figures)}");
            return 0;
        });
        return command;
    }

    private static async Task<JsonObject> RunAsync(string scheduler, int[] widths, int perWidth, int shots, CancellationToken cancellationToken)
    {
        // Under /tmp so slurmd (which runs jobs as the submitting user on this node) sees the run directories.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "qonduit-bench-e2e", $"{scheduler}-{Guid.NewGuid():N}")).FullName;
        var timings = new List<TaskTiming>();
        var server = await BenchControlPlane.StartAsync(folder, widths.Max()).ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            using var agent = BenchAgent.Start(server, folder, scheduler);
            using var stopEvents = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var terminal = new ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>>();
            var reader = ReadTerminalEventsAsync(server.User, terminal, stopEvents.Token);
            try
            {
                // The first task pays the JIT of server, agent and runner paths; it is run but not counted.
                await RunOneAsync(server, agent, terminal, widths.Min(), shots, seed: -1, cancellationToken).ConfigureAwait(false);
                foreach (var n in widths)
                    for (var i = 0; i < perWidth; i++)
                        timings.Add(await RunOneAsync(server, agent, terminal, n, shots, seed: n * 100 + i, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is TimeoutException or EndToEndBenchmarkException)
            {
                throw new EndToEndBenchmarkException("bench.e2e-failed", $"{e.Message}\nagent log ({scheduler}):\n{agent.Log}");
            }
            finally
            {
                await stopEvents.CancelAsync().ConfigureAwait(false);
                await reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        Directory.Delete(folder, recursive: true);
        return Report(scheduler, timings);
    }

    private static async Task<TaskTiming> RunOneAsync(BenchControlPlane server, BenchAgent agent,
        ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> terminal, int qubits, int shots, int seed, CancellationToken cancellationToken)
    {
        var circuit = LineCircuit(qubits, seed);
        var started = DateTimeOffset.UtcNow;
        var submitted = await server.User.SubmitAsync(new SubmitTaskRequest(BenchControlPlane.Device, circuit, "openqasm2", shots, Seed: Math.Abs(seed)), cancellationToken)
            .ConfigureAwait(false);
        var answered = DateTimeOffset.UtcNow;
        var seen = await Terminal(terminal, submitted.Id).Task.WaitAsync(TimeSpan.FromMinutes(15), cancellationToken).ConfigureAwait(false);
        var task = await server.User.GetTaskAsync(submitted.Id, cancellationToken).ConfigureAwait(false);
        if (task.State != TaskState.Completed)
            throw new EndToEndBenchmarkException("bench.e2e-task-failed", $"task {task.Id} ({qubits} qubits) ended {task.State.Name()}: {task.Error}");
        return TaskTiming.Measure(task, started, answered, seen, await agent.ArchivedRunAsync(task.Id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Notes when each task's terminal event reaches this client; from event 0, so nothing before the connection is missed.</summary>
    private static async Task ReadTerminalEventsAsync(
        QonduitClient client, ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> terminal, CancellationToken cancellationToken)
    {
        var subscription = new EventSubscription(Device: BenchControlPlane.Device, Types: ["task.completed", "task.failed", "task.cancelled"]);
        await foreach (var e in client.EventsAsync(subscription, lastEventId: 0, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (e.TaskId is { } id) Terminal(terminal, id).TrySetResult(DateTimeOffset.UtcNow);
    }

    private static TaskCompletionSource<DateTimeOffset> Terminal(ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> terminal, Guid id) =>
        terminal.GetOrAdd(id, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static JsonObject Report(string scheduler, List<TaskTiming> timings)
    {
        Console.WriteLine($"\n{scheduler}: medians per width (ms); overhead = end-to-end wait − simulation");
        Console.WriteLine($"{"qubits",6} {"admission",9} {"queue→claim",11} {"claim→start",11} {"execution",9} {"(simulate)",10} {"report→visible",14} {"overhead",9} {"sim ×/qubit",11}");
        var rows = new JsonArray();
        TaskTiming? previous = null;
        foreach (var group in timings.GroupBy(t => t.Qubits).OrderBy(g => g.Key))
        {
            var m = Medians(group.ToList());
            var growth = previous is null || previous.SimulateMs <= 0 ? "" :
                Math.Pow(m.SimulateMs / previous.SimulateMs, 1.0 / (m.Qubits - previous.Qubits)).ToString("0.00", CultureInfo.InvariantCulture);
            Console.WriteLine($"{m.Qubits,6} {m.AdmissionMs,9:F1} {m.QueueToClaimMs,11:F1} {m.ClaimToJobStartMs,11:F1} {m.ExecutionMs,9:F1} {m.SimulateMs,10:F1} " +
                              $"{m.ArtifactToReportMs + m.ReportToVisibleMs,14:F1} {m.OverheadMs,9:F1} {growth,11}");
            rows.Add(Row(m, group.Count()));
            previous = m;
        }
        var queueToClaimMax = timings.Max(t => t.QueueToClaimMs);
        var overheadMedian = Median(timings.Select(t => t.OverheadMs));
        var overheadMax = timings.Max(t => t.OverheadMs);
        Console.WriteLine($"queue→claim (long-poll): max {queueToClaimMax:F1} ms, median {Median(timings.Select(t => t.QueueToClaimMs)):F1} ms " +
                          $"— target ≤ {QueueToClaimTargetMs:0} ms: {Verdict(queueToClaimMax <= QueueToClaimTargetMs)}");
        var overheadLine = $"non-simulation overhead per task: median {overheadMedian:F0} ms, max {overheadMax:F0} ms";
        Console.WriteLine(scheduler == "slurm"
            ? $"{overheadLine} — target ≤ {SlurmOverheadTargetMs:0} ms through Slurm: {Verdict(overheadMax <= SlurmOverheadTargetMs)}"
            : $"{overheadLine} (the ≤ {SlurmOverheadTargetMs:0} ms target is for Slurm; this is the local-process path)");
        return new JsonObject
        {
            ["tasks"] = timings.Count,
            ["queueToClaimMaxMs"] = Math.Round(queueToClaimMax, 3),
            ["queueToClaimTargetMs"] = QueueToClaimTargetMs,
            ["overheadMedianMs"] = Math.Round(overheadMedian, 3),
            ["overheadMaxMs"] = Math.Round(overheadMax, 3),
            ["overheadTargetMs"] = scheduler == "slurm" ? SlurmOverheadTargetMs : null,
            ["byQubits"] = rows,
        };
    }

    private static JsonObject Row(TaskTiming m, int count) => new()
    {
        ["qubits"] = m.Qubits,
        ["tasks"] = count,
        ["admissionMs"] = m.AdmissionMs,
        ["queueToClaimMs"] = m.QueueToClaimMs,
        ["claimToJobStartMs"] = m.ClaimToJobStartMs,
        ["claimToRunningReportMs"] = m.ClaimToRunningReportMs,
        ["executionMs"] = m.ExecutionMs,
        ["simulateMs"] = m.SimulateMs,
        ["artifactToReportMs"] = m.ArtifactToReportMs,
        ["reportToVisibleMs"] = m.ReportToVisibleMs,
        ["endToEndMs"] = m.EndToEndMs,
        ["overheadMs"] = Math.Round(m.OverheadMs, 3),
    };

    /// <summary>Stage by stage medians (so the stages of the median row need not add up exactly to its end-to-end median).</summary>
    private static TaskTiming Medians(List<TaskTiming> group) => new(
        group[0].Qubits,
        Median(group.Select(t => t.AdmissionMs)),
        Median(group.Select(t => t.QueueToClaimMs)),
        Median(group.Select(t => t.ClaimToJobStartMs)),
        Median(group.Select(t => t.ClaimToRunningReportMs)),
        Median(group.Select(t => t.ExecutionMs)),
        Median(group.Select(t => t.SimulateMs)),
        Median(group.Select(t => t.ArtifactToReportMs)),
        Median(group.Select(t => t.ReportToVisibleMs)),
        Median(group.Select(t => t.EndToEndMs)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    /// <summary>Random layers native to the generated line device (rz, sx, x, cz on neighbours), so admission takes them as they are.</summary>
    private static string LineCircuit(int qubits, int seed)
    {
        var random = new Random(seed);
        var qasm = new StringBuilder($"OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[{qubits}];\ncreg c[{qubits}];\n");
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var q = 0; q < qubits; q++)
            {
                qasm.Append(CultureInfo.InvariantCulture, $"rz({random.NextDouble() * 2 * Math.PI:0.######}) q[{q}];\n");
                qasm.Append(random.Next(2) == 0 ? $"sx q[{q}];\n" : $"x q[{q}];\n");
            }
            for (var q = layer % 2; q + 1 < qubits; q += 2) qasm.Append(CultureInfo.InvariantCulture, $"cz q[{q}],q[{q + 1}];\n");
        }
        return qasm.Append("measure q -> c;\n").ToString();
    }

    private static string[] Schedulers(string value) => value switch
    {
        "local" or "slurm" => [value],
        "both" => ["local", "slurm"],
        _ => throw new EndToEndBenchmarkException("bench.e2e-invalid-scheduler", $"--scheduler is local, slurm or both, not '{value}'"),
    };

    private static int[] Widths(string value)
    {
        var widths = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 5 or > 24)
                throw new EndToEndBenchmarkException("bench.e2e-invalid-qubits", $"--qubits takes widths from 5 to 24 separated by commas; '{part}' is not one");
            widths.Add(n);
        }
        return widths.Count > 0 ? [.. widths.Distinct().Order()]
            : throw new EndToEndBenchmarkException("bench.e2e-invalid-qubits", "--qubits names no width");
    }

    private static void RequireSlurm()
    {
        string answer;
        int exit;
        try
        {
            using var sinfo = Process.Start(new ProcessStartInfo("sinfo", ["-h", "-o", "%t"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = sinfo.StandardOutput.ReadToEndAsync();
            answer = (sinfo.StandardError.ReadToEnd() + stdout.Result).Trim();
            sinfo.WaitForExit();
            exit = sinfo.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            (answer, exit) = (e.Message, -1);
        }
        if (exit != 0 || !answer.Split('\n').Any(s => s.Trim() is "idle" or "mix" or "alloc" or "comp"))
            throw new EndToEndBenchmarkException("bench.e2e-no-slurm",
                $"--scheduler slurm needs the Slurm cluster running, and it is not (sinfo: '{answer}'): start it with scripts/setup/slurm.sh (as root)");
    }
}
