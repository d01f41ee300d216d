using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;

namespace Qonduit.Transpiler.Synthesis;

/// <summary>
/// What the snapshot says a physical gate must be: rz, sx and x for one qubit, and per ordered pair the two-qubit gate
/// of its coupler. cx is rewritten into any coupler gate that is locally equivalent to it (cz, ecr, cx, ...), with the
/// single-qubit corrections found by <see cref="LocalEquivalence"/>; nothing here knows a vendor.
/// </summary>
internal sealed class NativeTarget
{
    public static readonly string[] OneQubitBasis = ["rz", "sx", "x"];

    private readonly DeviceTopology _topology;
    private readonly string? _commonGate;

    public NativeTarget(DeviceSnapshot device, DeviceTopology topology)
    {
        var missing = OneQubitBasis.Where(g => !device.NativeGates.Contains(g)).ToArray();
        if (missing.Length > 0)
            throw new TranspileException(ErrorCodes.Transpile.UnsupportedNativeSet,
                $"{device.Device} lacks {string.Join(", ", missing)}; the transpiler targets rz, sx and x for single-qubit gates (native: {string.Join(", ", device.NativeGates)})");
        _topology = topology;
        _commonGate = device.Couplers.GroupBy(c => c.Gate).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
    }

    /// <summary>The coupler gate for the pair in this direction, else the other, else the device's most common one.</summary>
    public string TwoQubitGate(int a, int b) =>
        _topology.TryGetCoupler(a, b, out var forward) ? forward.Gate
        : _topology.TryGetCoupler(b, a, out var backward) ? backward.Gate
        : _commonGate ?? throw new TranspileException(ErrorCodes.Transpile.NoCouplers, $"{_topology.Snapshot.Device} has no couplers for two-qubit gates");

    public bool IsNative(Instruction.Gate gate) => gate.ControlCount == 0 && gate.Targets.Count switch
    {
        1 => OneQubitBasis.Contains(gate.Name),
        2 => gate.Name == TwoQubitGate(gate.Targets[0], gate.Targets[1]),
        _ => false,
    };

    public bool IsAvailable(int control, int target, string gate) =>
        _topology.TryGetCoupler(control, target, out var c) && c.Gate == gate && c.Status == CouplerStatus.Available;

    /// <summary>
    /// cx(control, target) from the pair's coupler gate. On a one-way coupler it is built from the gate in the direction
    /// that exists, so fix-direction has nothing left to turn around (and no corrections pile up to be merged again).
    /// </summary>
    public void Cx(int control, int target, GateSink sink)
    {
        var native = TwoQubitGate(control, target);
        var reversed = !IsAvailable(control, target, native) && IsAvailable(target, control, native);
        if (native == "cx" && !reversed)
        {
            sink.Gate("cx", control, target);
            return;
        }
        var equivalence = (reversed ? LocalEquivalence.CxFromReversed(native) : LocalEquivalence.CxFrom(native))
            ?? throw new TranspileException(ErrorCodes.Transpile.UnsupportedNativeGate, $"cx cannot be built from one '{native}' and single-qubit gates");
        if (reversed) Apply(equivalence, native, control, target, target, control, sink);
        else Apply(equivalence, native, control, target, control, target, sink);
    }

    /// <summary>gate(a, b) written with the coupler's direction gate(b, a).</summary>
    public void Reverse(string gate, int a, int b, GateSink sink)
    {
        var equivalence = LocalEquivalence.Reversed(gate)
            ?? throw new TranspileException(ErrorCodes.Transpile.UnsupportedNativeGate, $"'{gate}' cannot be reversed with single-qubit gates");
        Apply(equivalence, gate, a, b, b, a, sink);
    }

    /// <summary>
    /// Writes the equivalence's gates: its 1q corrections are synthesised once per equivalence (on stand-in qubits 0
    /// and 1) and replayed here, since a routed circuit applies the same few templates thousands of times.
    /// </summary>
    private static void Apply(LocalEquivalence e, string native, int a, int b, int nativeControl, int nativeTarget, GateSink sink)
    {
        var template = Templates.GetOrAdd(e, equivalence =>
        {
            var stand = new GateSink();
            OneQubitSynthesis.Emit(equivalence.A, 0, stand);
            OneQubitSynthesis.Emit(equivalence.B, 1, stand);
            var before = stand.Instructions.Count;
            OneQubitSynthesis.Emit(equivalence.C, 0, stand);
            OneQubitSynthesis.Emit(equivalence.D, 1, stand);
            return (stand.Instructions.Cast<Instruction.Gate>().ToArray(), before, stand.GlobalPhase + equivalence.Phase);
        });
        var (gates, split, phase) = template;
        for (var i = 0; i < gates.Length; i++)
        {
            if (i == split) sink.Gate(native, nativeControl, nativeTarget);
            sink.Add(gates[i] with { Targets = GateSink.On(gates[i].Targets[0] == 0 ? a : b) });
        }
        if (split == gates.Length) sink.Gate(native, nativeControl, nativeTarget);
        sink.GlobalPhase += phase;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LocalEquivalence, (Instruction.Gate[], int, double)> Templates =
        new(ReferenceEqualityComparer.Instance);
}
