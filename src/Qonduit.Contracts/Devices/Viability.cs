using Qonduit.Contracts.Tasks;

namespace Qonduit.Contracts.Devices;

/// <summary>
/// `POST /v1/devices/{id}/viability`: the submit checks without creating a task, as a submission with the same
/// <see cref="Transpile"/> (default true) and <see cref="Trajectories"/> would get them.
/// </summary>
public sealed record ViabilityRequest(string? Circuit, string? Dialect = null, int? Shots = null, int? SnapshotVersion = null, bool? Transpile = null, int? Trajectories = null);

public sealed record ViabilityView(
    string Device,
    int SnapshotVersion,
    bool Admissible,
    int NumQubits,
    int Instructions,
    IReadOnlyList<ViolationView> Violations);
