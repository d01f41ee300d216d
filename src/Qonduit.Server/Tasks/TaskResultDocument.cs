namespace Qonduit.Server.Tasks;

/// <summary>
/// The result document of a completed task: the runner's result.json as the agent reports it, stored and served
/// verbatim (so this record describes the wire; the server does not re-serialize it). It is the `result` of
/// `GET /v1/tasks/{id}/result` and of the agent's completion report in the OpenAPI document.
/// </summary>
public sealed record TaskResultDocument(
    int SchemaVersion,
    string TaskId,
    int Attempt,
    string Device,
    int BoundSnapshotVersion,
    string SnapshotHash,
    int Shots,
    ulong Seed,
    /// <summary>Bitstring → shots. Qiskit bit order: highest classical bit on the left, registers separated by a space, last declared first.</summary>
    IReadOnlyDictionary<string, int> Counts,
    ResultCircuit Circuit,
    /// <summary>What transpiling did; null when the circuit ran as given.</summary>
    ResultTranspilation? Transpilation,
    ResultTimings Timings,
    bool Noisy,
    /// <summary>State evolutions the counts took: 1 for an ideal run, up to one per distinct error pattern for a noisy one.</summary>
    int Simulations,
    /// <summary>The error-pattern budget the shots were spread over; null when every shot drew its own pattern.</summary>
    int? Trajectories,
    long MemoryBytes,
    string? Host);

/// <summary>The circuit as simulated (after transpiling when the task asked for it).</summary>
public sealed record ResultCircuit(int Qubits, int Clbits, int Depth, int Size, int TwoQubitGates, bool Transpiled);

/// <summary>
/// The mapping onto the bound snapshot: <see cref="InitialLayout"/>[logical] is the physical qubit a logical qubit
/// starts on, <see cref="FinalPermutation"/>[logical] where routing left it; sizes before and after, swaps inserted.
/// </summary>
public sealed record ResultTranspilation(
    IReadOnlyList<int> InitialLayout,
    IReadOnlyList<int> FinalPermutation,
    int Swaps,
    ResultSize Before,
    ResultSize After,
    IReadOnlyList<string> Passes);

public sealed record ResultSize(int Depth, int Gates, int TwoQubitGates);

/// <summary>Milliseconds spent in each stage of the run.</summary>
public sealed record ResultTimings(double ParseMs, double TranspileMs, double NoiseMs, double SimulateMs, double TotalMs);
