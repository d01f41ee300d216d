namespace Qonduit.Contracts.Tasks;

/// <summary>
/// `POST /v1/tasks`. Dialect defaults to the source's header; seed, pinned version, priority, tags and the token
/// of a lease to account the task to (docs/leases.md) are optional.
/// <see cref="Transpile"/> (default true) submits a logical circuit that the runner maps onto the snapshot bound at
/// claim time; false insists on a circuit native to the device as written. <see cref="Trajectories"/> (null: exact,
/// one error pattern per shot) caps the error patterns a noisy run draws; the shots are spread over them.
/// <see cref="Parameters"/> binds the circuit's OpenQASM 3 <c>input float[64]</c> declarations by name, at admission.
/// <see cref="Requirement"/> (docs/orchestration.md §2) lets the server place the task at claim time on a resource the
/// requirement selects; <see cref="Device"/> then names the snapshot used for admission and for a simulator's noise, and
/// <see cref="Noise"/> ("device", the default, or "ideal") says whether a simulator pool applies that noise. Without a
/// device the requirement may select only simulator pools, the noise is "ideal" and the circuit runs as written (never
/// transpiled): the task is stored under the device name "ideal".
/// <see cref="Command"/> makes it a classical command task (docs/architecture.md "Command tasks") instead: no circuit,
/// device, shots, transpile, trajectories, noise or parameters, and a requirement that selects pools only.
/// </summary>
public sealed record SubmitTaskRequest(
    string? Device,
    string? Circuit,
    string? Dialect,
    int? Shots,
    long? Seed = null,
    int? SnapshotVersion = null,
    int? Priority = null,
    IReadOnlyList<string>? Tags = null,
    string? LeaseToken = null,
    bool? Transpile = null,
    int? Trajectories = null,
    IReadOnlyDictionary<string, double>? Parameters = null,
    string? Requirement = null,
    string? Noise = null,
    TaskCommand? Command = null);
