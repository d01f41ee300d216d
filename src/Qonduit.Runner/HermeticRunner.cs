using System.Diagnostics;
using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Circuits;
using Qonduit.Contracts.RunDirectories;
using Qonduit.Contracts.Tasks;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation;
using Qonduit.Transpiler;

namespace Qonduit.Runner;

/// <summary>
/// `qonduit runner &lt;dir&gt;`: payload.json in, result.json (or error.json) and runner.log out. It reads nothing but the
/// payload (relative includes resolve inside the run directory), opens no socket and knows no server, so a job is
/// the same on a laptop, in a container without a network, or on a compute node. The payload fixes the seed, so
/// running a preserved directory again reproduces the counts.
/// </summary>
public static class HermeticRunner
{
    public const int Succeeded = 0;

    /// <summary>A typed failure, described in error.json.</summary>
    public const int FailedWithError = 1;

    /// <summary>Not even error.json could be written (e.g. the directory does not exist); stderr says why.</summary>
    public const int CouldNotReport = 2;

    /// <summary>Stopped through its cancellation token (an in-process job's, or a runner process's on SIGTERM); it leaves no artifact.</summary>
    public const int Cancelled = 3;

    /// <param name="cancellationToken">Checked between steps (parse, transpile, write) and within the simulation at least every few
    /// tens of milliseconds: a cancelled run stops promptly and leaves no artifact.</param>
    /// <param name="progress">Told each progress line instead of appending it to progress.jsonl (an in-process runner's host keeps the latest).</param>
    /// <param name="cpu">Whose CPU time result.json reports (<see cref="RunResult.CpuSeconds"/>): the process's when the runner owns it.</param>
    public static int Run(string runDirectory, TextWriter? stderr = null, CancellationToken cancellationToken = default, Action<TaskProgress>? progress = null,
        CpuScope cpu = CpuScope.Thread)
    {
        var meter = RunCpu.Start(cpu);
        stderr ??= Console.Error;
        if (!Directory.Exists(runDirectory))
        {
            stderr.WriteLine($"error [{ErrorCodes.Runner.PayloadInvalid}]: run directory '{runDirectory}' does not exist");
            return CouldNotReport;
        }
        using var log = new RunnerLog(Path.Combine(runDirectory, RunFiles.Log));
        var taskId = "";
        try
        {
            var payload = PayloadFile.Read(runDirectory);
            taskId = payload.TaskId;
            if (payload.Command is { } command)
            {
                log.Write($"task {payload.TaskId} attempt {payload.Attempt}: command {command.Name}");
            }
            else
            {
                log.Write($"task {payload.TaskId} attempt {payload.Attempt}: device {payload.Snapshot.Device} v{payload.Snapshot.Version}, " +
                          $"{payload.Shots} shots, seed {payload.Seed}, transpile {payload.Options.Transpile}, noise {payload.Options.Noise}, " +
                          $"trajectories {payload.Options.Trajectories?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "one per shot"}");
            }
            // One runner for circuits and commands, so every scheduler (in process, local processes, Slurm) runs both.
            var result = (payload.Command is null
                ? Execute(runDirectory, payload, log, new RunProgress(runDirectory, progress), cancellationToken)
                : CommandRunner.Run(runDirectory, payload, log, cancellationToken)) with { CpuSeconds = meter.Seconds() };
            cancellationToken.ThrowIfCancellationRequested();
            ArtifactFiles.WriteResult(runDirectory, result);
            log.Write($"result.json written: {(result.Command is null ? $"{result.Counts.Count} outcomes" : "command outputs")}, total {result.Timings.TotalMs:0.0} ms, cpu {(result.CpuSeconds is { } seconds ? $"{seconds:0.000} s" : "not measured")}");
            return Succeeded;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Write("cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            // Whatever went wrong, the agent gets a typed error.json rather than a bare exit code.
            var error = Classify(e);
            log.Write($"failed [{error.Code}]: {error.Message}");
            try
            {
                ArtifactFiles.WriteError(runDirectory, new RunError { TaskId = taskId, Code = error.Code, Message = error.Message, At = DateTimeOffset.UtcNow });
            }
            catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error [{error.Code}]: {error.Message}; error.json could not be written: {writeError.Message}");
                return CouldNotReport;
            }
            stderr.WriteLine($"error [{error.Code}]: {error.Message}");
            return FailedWithError;
        }
    }

    private static RunResult Execute(string runDirectory, RunPayload payload, RunnerLog log, RunProgress progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var snapshot = payload.Snapshot;

        var clock = Stopwatch.StartNew();
        // Hermetic: the payload's text is all there is; an include of anything but the standard libraries is refused.
        var circuit = Guard(ErrorCodes.Runner.CircuitInvalid, () => QasmParser.Parse(payload.Circuit, Path.Combine(Path.GetFullPath(runDirectory), "circuit.qasm"),
            QasmLimits.Default, QasmIncludePolicy.StandardOnly));
        var parseMs = clock.Elapsed.TotalMilliseconds;
        log.Write($"parsed: {circuit.NumQubits} qubits, {circuit.NumClbits} clbits, {circuit.Instructions.Count} instructions ({parseMs:0.0} ms)");

        cancellationToken.ThrowIfCancellationRequested();
        var transpileMs = 0.0;
        TranspileReport? transpilation = null;
        if (payload.Options.Transpile)
        {
            progress.Begin(ProgressPhase.Transpile, 1, "circuits");
            clock.Restart();
            // Against the payload's snapshot: the version bound at claim time, not the one admission saw.
            var mapped = Guard(ErrorCodes.Runner.CircuitInvalid, () => Transpiler.Transpiler.Run(circuit, snapshot, new TranspileOptions(Seed: unchecked((int)payload.Seed))));
            transpileMs = clock.Elapsed.TotalMilliseconds;
            circuit = mapped.Circuit;
            transpilation = new TranspileReport([.. mapped.InitialLayout], [.. mapped.FinalPermutation], mapped.SwapsAdded,
                Size(mapped.Before), Size(mapped.After), [.. mapped.Passes]);
            log.Write($"transpiled onto v{snapshot.Version}: {mapped.Before} → {mapped.After}, {mapped.SwapsAdded} swaps, " +
                      $"layout [{string.Join(',', mapped.InitialLayout)}] ({transpileMs:0.0} ms)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var started = false;
        var options = new SimulationOptions
        {
            Shots = payload.Shots, Seed = payload.Seed, Noise = payload.Options.Noise, Trajectories = payload.Options.Trajectories,
            Cancellation = cancellationToken,
            Progress = (done, all) =>
            {
                // The number of simulations is known only once the error patterns are drawn, at the first report.
                if (!started) progress.Begin(ProgressPhase.Simulate, all, "trajectories");
                started = true;
                progress.Advance(done);
                cancellationToken.ThrowIfCancellationRequested();
            },
        };
        var simulation = Simulate(circuit, snapshot, options);
        progress.Begin(ProgressPhase.Sample, simulation.Shots, "shots");
        progress.Advance(simulation.Shots);
        log.Write($"simulated: {(simulation.Noisy ? "noisy" : "ideal")}, {simulation.Simulations} simulation(s), {StateVectorBytes(simulation.MemoryBytes)} state, " +
                  $"noise {simulation.Timings.NoiseMs:0.0} ms, simulate {simulation.Timings.SimulateMs:0.0} ms");

        var size = Transpiler.CircuitSize.Of(circuit);
        return new RunResult
        {
            TaskId = payload.TaskId,
            Attempt = payload.Attempt,
            Device = snapshot.Device,
            BoundSnapshotVersion = snapshot.Version,
            SnapshotHash = SnapshotHash.Compute(snapshot),
            Shots = simulation.Shots,
            Seed = simulation.Seed,
            Counts = new SortedDictionary<string, int>(simulation.Counts?.ToDictionary() ?? [], StringComparer.Ordinal),
            Circuit = new CircuitShape(circuit.NumQubits, circuit.NumClbits, size.Depth, size.Gates, size.TwoQubitGates, payload.Options.Transpile),
            Registers = ClassicalRegisterShape.Of(circuit),
            Transpilation = transpilation,
            Timings = new RunTimings(parseMs, transpileMs, simulation.Timings.NoiseMs, simulation.Timings.SimulateMs, total.Elapsed.TotalMilliseconds),
            Noisy = simulation.Noisy,
            Simulations = simulation.Simulations,
            Trajectories = payload.Options.Trajectories,
            MemoryBytes = simulation.MemoryBytes,
            Host = Environment.MachineName,
        };
    }

    private static SimulationResult Simulate(Circuit circuit, DeviceSnapshot snapshot, SimulationOptions options)
    {
        try
        {
            return Simulator.Run(circuit, snapshot, options);
        }
        catch (SimulationTooLargeException e)
        {
            throw new RunnerException(ErrorCodes.Runner.TooLargeForMemory, e.Message, e);
        }
        catch (OutOfMemoryException e)
        {
            throw new RunnerException(ErrorCodes.Runner.TooLargeForMemory, $"the simulation ran out of memory: {e.Message}", e);
        }
        catch (Exception e) when (e is OpaqueGateException or SimulationRequestException)
        {
            throw new RunnerException(ErrorCodes.Runner.CircuitInvalid, e.Message, e);
        }
    }

    private static T Guard<T>(string code, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (QonduitException e) when (e is not RunnerException)
        {
            throw new RunnerException(code, $"{e.Message} [{e.Code}]", e);
        }
    }

    private static RunnerException Classify(Exception e) => e switch
    {
        RunnerException typed => typed,
        OutOfMemoryException => new RunnerException(ErrorCodes.Runner.TooLargeForMemory, $"out of memory: {e.Message}", e),
        QonduitException typed => new RunnerException(ErrorCodes.Runner.SimulationError, $"{typed.Message} [{typed.Code}]", e),
        _ => new RunnerException(ErrorCodes.Runner.SimulationError, $"{e.GetType().Name}: {e.Message}", e),
    };

    private static string StateVectorBytes(long bytes) => Simulation.State.StateVectorLimits.FormatBytes(bytes);

    private static SizeReport Size(CircuitSize size) => new(size.Depth, size.Gates, size.TwoQubitGates);
}
