using Qonduit.Placement.Indices;

namespace Qonduit.Server.Resources;

/// <summary>
/// The load indices the server computes itself, declared with the model reporters' indices use, so placement reads one
/// catalogue. Names follow docs/orchestration.md "One vocabulary"; `increasing` says which way is more loaded.
/// </summary>
public static class BuiltInIndices
{
    public static readonly IndexDeclaration Kind = new("kind", IndexType.String, description: "qpu, sim, cpu or gpu");
    public static readonly IndexDeclaration Resource = new("resource", IndexType.String,
        description: "the resource's own name (a device or a pool), so a requirement can name the one it wants");
    public static readonly IndexDeclaration NumQubits = new("num_qubits", IndexType.Numeric, increasing: false, unit: "qubits",
        description: "qubits of the device's current snapshot");
    public static readonly IndexDeclaration QpuFidelity = new("qpu_fidelity", IndexType.Numeric, increasing: false, unit: "ratio",
        description: "1 − the median two-qubit gate error over available couplers");
    public static readonly IndexDeclaration QpuReadoutFidelity = new("qpu_readout_fidelity", IndexType.Numeric, increasing: false, unit: "ratio",
        description: "1 − the median readout error over online qubits");
    public static readonly IndexDeclaration QpuCalibrationAge = new("qpu_calibration_age", IndexType.Numeric, unit: "s",
        description: "seconds since the current snapshot was registered");
    public static readonly IndexDeclaration QpuQueueDepth = new("qpu_queue_depth", IndexType.Numeric, unit: "tasks",
        description: "tasks queued for the device");
    public static readonly IndexDeclaration QpuLanesFree = new("qpu_lanes_free", IndexType.Numeric, increasing: false, unit: "lanes",
        description: "lanes not held by an active lease");
    public static readonly IndexDeclaration SlotsFree = new("slots_free", IndexType.Numeric, increasing: false, unit: "slots",
        description: "a pool's slots (its live agents' sum) not held by a running task placed on it");

    public static IReadOnlyList<IndexDeclaration> All { get; } =
        [Kind, Resource, NumQubits, QpuFidelity, QpuReadoutFidelity, QpuCalibrationAge, QpuQueueDepth, QpuLanesFree, SlotsFree];

    public static IndexCatalog Catalog { get; } = new(All);
}
