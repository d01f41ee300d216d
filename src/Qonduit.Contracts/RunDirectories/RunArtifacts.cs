namespace Qonduit.Contracts.RunDirectories;

/// <summary>result.json: what the runner answers on success (docs/architecture.md "Results").</summary>
public sealed record RunResult
{
    public int SchemaVersion { get; init; } = ArtifactFiles.SchemaVersion;

    public required string TaskId { get; init; }

    public int Attempt { get; init; } = 1;

    public required string Device { get; init; }

    public required int BoundSnapshotVersion { get; init; }

    public required string SnapshotHash { get; init; }

    public required int Shots { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>Qiskit bit order: highest classical bit on the left, registers separated by a space, last declared first.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    public required CircuitShape Circuit { get; init; }

    /// <summary>
    /// The classical registers in declaration order, each with whether any measurement writes one of its bits: the parts
    /// of a count key, last first. Readers leave out a register never measured (it reads all zeros); null from a runner
    /// that predates it.
    /// </summary>
    public IReadOnlyList<ClassicalRegisterShape>? Registers { get; init; }

    /// <summary>What transpiling did; null when the circuit ran as given.</summary>
    public TranspileReport? Transpilation { get; init; }

    public required RunTimings Timings { get; init; }

    public bool Noisy { get; init; }

    /// <summary>
    /// State evolutions the counts took, what accounting charges as simulations: 1 for an ideal run (one state vector,
    /// sampled for every shot), one per distinct error pattern (trajectory) simulated for a noisy one, 1 for a
    /// density-matrix run.
    /// </summary>
    public int Simulations { get; init; }

    /// <summary>
    /// The CPU seconds the run used, measured by the kernel: a runner process's whole CPU time (start-up included), or in
    /// process the runner thread's (a lower bound when parallel kernels ran on shared pool threads; <c>CpuScope</c> in
    /// Qonduit.Runner). Null from a runner that predates it or a platform without the clock.
    /// </summary>
    public double? CpuSeconds { get; init; }

    /// <summary>
    /// The error-pattern budget the shots were spread over (shots sharing a pattern are correlated); null when every
    /// shot drew its own pattern, the exact default.
    /// </summary>
    public int? Trajectories { get; init; }

    public long MemoryBytes { get; init; }

    public string? Host { get; init; }

    /// <summary>A command task's outcome (docs/architecture.md "Command tasks"); null for a circuit. Its counts are then empty and its shots 0.</summary>
    public CommandResult? Command { get; init; }
}

/// <summary>
/// How a command ended that exited 0: <see cref="Outputs"/>, the JSON object it wrote to outputs.json in its working
/// directory (null when it wrote none), and the last bytes of its stdout (<see cref="StdoutTail"/>, at most 4 KiB, UTF-8);
/// <see cref="StdoutTruncated"/>: its stdout passed the bound kept in the run directory.
/// </summary>
public sealed record CommandResult(string Name, int ExitCode, System.Text.Json.JsonElement? Outputs, string StdoutTail, bool StdoutTruncated = false);

/// <summary>The circuit as simulated (after transpiling when the payload asked for it).</summary>
public sealed record CircuitShape(int Qubits, int Clbits, int Depth, int Size, int TwoQubitGates, bool Transpiled);

/// <summary>A classical register as a count key shows it; <see cref="Measured"/>: some measurement writes one of its bits.</summary>
public sealed record ClassicalRegisterShape(string Name, int Size, bool Measured)
{
    /// <summary>The circuit's classical registers in declaration order; a bit is written only by a measurement.</summary>
    public static IReadOnlyList<ClassicalRegisterShape> Of(Circuits.Ir.Circuit circuit)
    {
        var written = new HashSet<int>(circuit.Instructions.OfType<Circuits.Ir.Instruction.Measure>().Select(m => m.Clbit));
        return [.. circuit.ClassicalRegisters.Select(r =>
            new ClassicalRegisterShape(r.Name, r.Size, Enumerable.Range(r.Offset, r.Size).Any(written.Contains)))];
    }
}

/// <summary>
/// The mapping onto the bound snapshot: <see cref="InitialLayout"/>[logical] is the physical qubit a logical qubit
/// starts on, <see cref="FinalPermutation"/>[logical] where routing left it; sizes before and after, swaps inserted.
/// </summary>
public sealed record TranspileReport(
    IReadOnlyList<int> InitialLayout,
    IReadOnlyList<int> FinalPermutation,
    int Swaps,
    SizeReport Before,
    SizeReport After,
    IReadOnlyList<string> Passes);

public sealed record SizeReport(int Depth, int Gates, int TwoQubitGates);

public sealed record RunTimings(double ParseMs, double TranspileMs, double NoiseMs, double SimulateMs, double TotalMs);

/// <summary>error.json: a typed runner failure (<c>ErrorCodes.Runner</c>).</summary>
public sealed record RunError
{
    public int SchemaVersion { get; init; } = ArtifactFiles.SchemaVersion;

    public required string TaskId { get; init; }

    public required string Code { get; init; }

    public required string Message { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>What a run directory holds for one artifact. Closed union.</summary>
public abstract record Artifact<T>
{
    private Artifact() { }

    public sealed record Missing : Artifact<T>;

    /// <summary>Present but unreadable: truncated, not JSON, wrong schema, or missing fields.</summary>
    public sealed record Malformed(string Reason) : Artifact<T>;

    public sealed record Present(T Value, string Json) : Artifact<T>;
}
