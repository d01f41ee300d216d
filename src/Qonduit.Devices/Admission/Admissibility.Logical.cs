using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;

namespace Qonduit.Devices.Admission;

public static partial class Admissibility
{
    /// <summary>
    /// Admission of a logical circuit that will be transpiled onto the device: only what no transpiler can fix. The
    /// circuit must fit in the largest group of online qubits joined by available couplers (a layout cannot use the
    /// others), fit the classical bits, and use only gates with a known definition (no opaque or unknown gate). Gate set,
    /// qubit numbering and coupler direction are the transpiler's business. Linear in circuit size, like <see cref="Check(Circuit, DeviceSnapshot)"/>.
    /// </summary>
    public static AdmissibilityReport CheckLogical(Circuit circuit, DeviceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(snapshot);
        var violations = new List<AdmissibilityViolation>();
        var work = 0L;
        var connected = LargestConnectedGroup(snapshot);
        if (circuit.NumQubits > connected)
            violations.Add(new(ViolationKind.TooManyQubits, null, null,
                $"the circuit uses {circuit.NumQubits} qubits; the largest group of online qubits joined by available couplers on {snapshot.Device} has {connected}"));
        if (circuit.NumClbits > ClassicalBits(snapshot))
            violations.Add(new(ViolationKind.TooManyClbits, null, null,
                $"the circuit uses {circuit.NumClbits} classical bits; {snapshot.Device} has {ClassicalBits(snapshot)}"));
        work += CheckDefinitions(circuit, violations, "transpile");
        return new AdmissibilityReport(snapshot.Device, violations, work);
    }

    /// <summary>
    /// Admission of a circuit for a noiseless simulation without a device (<paramref name="target"/> names it in the
    /// report): every gate must have a definition the simulator can apply (no opaque or unknown gate). Qubit and shot
    /// bounds are the caller's, since they belong to the simulator, not to a snapshot.
    /// </summary>
    public static AdmissibilityReport CheckDefined(Circuit circuit, string target)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var violations = new List<AdmissibilityViolation>();
        var work = CheckDefinitions(circuit, violations, "simulate");
        return new AdmissibilityReport(target, violations, work);
    }

    private static long CheckDefinitions(Circuit circuit, List<AdmissibilityViolation> violations, string purpose)
    {
        var opaque = new HashSet<string>(circuit.OpaqueGates, StringComparer.Ordinal);
        for (var i = 0; i < circuit.Instructions.Count; i++)
        {
            if (circuit.Instructions[i] is not Instruction.Gate gate) continue;
            var location = gate.Source.Location;
            if (opaque.Contains(gate.Name))
                violations.Add(new(ViolationKind.OpaqueGate, i, location, $"gate '{gate.Name}' is declared opaque: it has no definition to {purpose}"));
            else if (!GateLibrary.TryGet(gate.Name, out _))
                violations.Add(new(ViolationKind.UnknownGate, i, location, $"gate '{gate.Name}' is not in the gate library, so it cannot be {purpose}d"));
        }
        return circuit.Instructions.Count;
    }

    /// <summary>Size of the largest connected group of online qubits over available couplers (a lone online qubit is a group of one).</summary>
    public static int LargestConnectedGroup(DeviceSnapshot snapshot)
    {
        var usable = DeviceTopology.From(snapshot, usableOnly: true);
        var seen = new bool[snapshot.NumQubits];
        var stack = new Stack<int>();
        var largest = 0;
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || snapshot.Qubits[start].Status != QubitStatus.Online) continue;
            seen[start] = true;
            stack.Push(start);
            var size = 0;
            while (stack.TryPop(out var q))
            {
                size++;
                foreach (var n in usable.Neighbours(q))
                    if (!seen[n])
                    {
                        seen[n] = true;
                        stack.Push(n);
                    }
            }
            largest = Math.Max(largest, size);
        }
        return largest;
    }
}
