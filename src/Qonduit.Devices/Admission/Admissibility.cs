using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;

namespace Qonduit.Devices.Admission;

/// <summary>
/// Whether a circuit runs on a device as written (docs/architecture.md "Device snapshot"): every gate native, every qubit in range and
/// online, every two-qubit gate on an available coupler in its direction and with its gate, and no more qubits or
/// classical bits than the device has. One pass over the instructions with O(1) lookups, so time is linear in circuit
/// size; the snapshot is read as data (no vendor or topology branch). All violations are returned, not the first.
/// <para>Rules beyond docs/architecture.md: measure, reset, barrier and delay are always allowed; a barrier may span offline qubits
/// (it is a compiler directive, nothing is played on them); a device has as many classical bits as qubits
/// (<see cref="ClassicalBits"/>), since snapshots carry no memory-slot count.</para>
/// </summary>
public static partial class Admissibility
{
    public static int ClassicalBits(DeviceSnapshot snapshot) => snapshot.NumQubits;

    public static AdmissibilityReport Check(Circuit circuit, DeviceSnapshot snapshot) => Check(circuit, DeviceTopology.From(snapshot));

    /// <summary>Checks against a prepared topology, so a service admitting many circuits builds it once per snapshot.</summary>
    public static AdmissibilityReport Check(Circuit circuit, DeviceTopology topology)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(topology);
        var snapshot = topology.Snapshot;
        var scan = new Scan(snapshot, topology, circuit);
        if (circuit.NumQubits > snapshot.NumQubits)
            scan.Add(ViolationKind.TooManyQubits, null, null, $"the circuit uses {circuit.NumQubits} qubits; {snapshot.Device} has {snapshot.NumQubits}");
        if (circuit.NumClbits > ClassicalBits(snapshot))
            scan.Add(ViolationKind.TooManyClbits, null, null, $"the circuit uses {circuit.NumClbits} classical bits; {snapshot.Device} has {ClassicalBits(snapshot)}");
        for (var i = 0; i < circuit.Instructions.Count; i++) scan.Visit(i, circuit.Instructions[i]);
        return new AdmissibilityReport(snapshot.Device, scan.Violations, scan.Work);
    }

    private sealed class Scan(DeviceSnapshot snapshot, DeviceTopology topology, Circuit circuit)
    {
        private readonly HashSet<string> _native = new(snapshot.NativeGates, StringComparer.Ordinal);
        private readonly HashSet<string> _opaque = new(circuit.OpaqueGates, StringComparer.Ordinal);
        private readonly string _nativeList = string.Join(", ", snapshot.NativeGates);

        public List<AdmissibilityViolation> Violations { get; } = [];

        public long Work { get; private set; }

        public void Add(ViolationKind kind, int? index, SourceLocation? location, string message) =>
            Violations.Add(new AdmissibilityViolation(kind, index, location, message));

        public void Visit(int index, Instruction instruction)
        {
            Work++;
            var location = instruction.Source.Location;
            var inRange = true;
            foreach (var q in instruction.Qubits)
            {
                Work++;
                if ((uint)q >= (uint)snapshot.NumQubits)
                {
                    inRange = false;
                    Add(ViolationKind.QubitOutOfRange, index, location, $"{Describe(instruction)}: qubit {q} does not exist; {snapshot.Device} has qubits 0..{snapshot.NumQubits - 1}");
                }
                else if (snapshot.Qubits[q].Status != QubitStatus.Online && instruction is not Instruction.Barrier)
                    Add(ViolationKind.OfflineQubit, index, location, $"{Describe(instruction)}: qubit {q} is offline on {snapshot.Device}");
            }
            if (instruction is Instruction.Gate gate) Gate(index, location, gate, inRange);
        }

        private void Gate(int index, SourceLocation? location, Instruction.Gate gate, bool inRange)
        {
            if (_opaque.Contains(gate.Name))
            {
                Add(ViolationKind.OpaqueGate, index, location, $"gate '{gate.Name}' is declared opaque: it has no definition to run");
                return;
            }
            if (gate.ControlCount > 0 || !_native.Contains(gate.Name))
            {
                Add(ViolationKind.NonNativeGate, index, location, $"{Describe(gate)} is not native to {snapshot.Device} (native: {_nativeList})");
                return;
            }
            if (gate.Qubits.Count > 2)
            {
                Add(ViolationKind.UnsupportedArity, index, location, $"{Describe(gate)} acts on {gate.Qubits.Count} qubits; couplers join pairs");
                return;
            }
            if (gate.Qubits.Count == 2 && inRange) Pair(index, location, gate, gate.Qubits[0], gate.Qubits[1]);
        }

        private void Pair(int index, SourceLocation? location, Instruction.Gate gate, int control, int target)
        {
            Work++;
            if (topology.TryGetCoupler(control, target, out var coupler))
            {
                if (coupler.Status != CouplerStatus.Available)
                    Add(ViolationKind.UnavailableCoupler, index, location, $"{Describe(gate)}: coupler {control}->{target} is unavailable on {snapshot.Device}");
                else if (coupler.Gate != gate.Name)
                    Add(ViolationKind.CouplerGateMismatch, index, location, $"{Describe(gate)}: coupler {control}->{target} runs {coupler.Gate}, not {gate.Name}");
                return;
            }
            var reverse = topology.TryGetCoupler(target, control, out var back)
                ? $"; only {target}->{control} exists ({back.Gate}{(back.Status == CouplerStatus.Available ? "" : ", unavailable")})"
                : $"; qubits {control} and {target} are not coupled";
            Add(ViolationKind.MissingCoupler, index, location, $"{Describe(gate)}: {snapshot.Device} has no coupler {control}->{target}{reverse}");
        }

        private static string Describe(Instruction instruction) => instruction switch
        {
            Instruction.Gate g => $"'{(g.ControlCount > 0 ? $"ctrl({g.ControlCount}) @ " : "")}{g.Name}' on qubit{(g.Qubits.Count == 1 ? "" : "s")} {string.Join(",", g.Qubits)}",
            Instruction.Measure => "measure",
            Instruction.Reset => "reset",
            Instruction.Barrier => "barrier",
            Instruction.Delay => "delay",
            _ => instruction.GetType().Name.ToLowerInvariant(),
        };
    }
}
