using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;
using Qonduit.Transpiler.Layout;

namespace Qonduit.Transpiler.Pipeline;

/// <summary>
/// The circuit as the passes rewrite it, in place. Until a layout is applied, qubit indices are logical; afterwards
/// they are the device's physical qubits and <see cref="FinalLayout"/> says where each logical qubit ended up.
/// </summary>
internal sealed class TranspileContext
{
    private CouplingGraph? _coupling;

    public TranspileContext(Circuit source, DeviceSnapshot device, TranspileOptions options, DeviceTopology? topology = null)
    {
        Source = source;
        Device = device;
        Options = options;
        Topology = topology ?? DeviceTopology.From(device);
        Instructions = [.. source.Instructions];
        LogicalQubits = source.NumQubits;
    }

    public Circuit Source { get; }

    public DeviceSnapshot Device { get; }

    public TranspileOptions Options { get; }

    /// <summary>Every coupler of the snapshot, usable or not: direction and native gate lookups.</summary>
    public DeviceTopology Topology { get; }

    /// <summary>The graph a router may use: available couplers between online qubits.</summary>
    public CouplingGraph Coupling => _coupling ??= new CouplingGraph(Device);

    public int LogicalQubits { get; }

    public List<Instruction> Instructions { get; set; }

    /// <summary>Phase accumulated by the passes, on top of the source circuit's own.</summary>
    public double GlobalPhase { get; set; }

    public int[]? InitialLayout { get; set; }

    public int[]? FinalLayout { get; set; }

    public bool IsPhysical { get; private set; }

    public int SwapsAdded { get; set; }

    /// <summary>Relabels the circuit onto physical qubits with the chosen layout (the trivial one if none was chosen).</summary>
    public void EnsurePhysical()
    {
        if (IsPhysical) return;
        InitialLayout ??= Layouts.Trivial(this);
        var layout = InitialLayout;
        Instructions = [.. Instructions.Select(i => Relabel(i, layout))];
        FinalLayout = [.. layout];
        IsPhysical = true;
    }

    /// <summary>Marks the circuit as physical after a router has produced it.</summary>
    public void SetRouted(List<Instruction> instructions, int[] finalLayout, int swaps)
    {
        Instructions = instructions;
        FinalLayout = finalLayout;
        SwapsAdded += swaps;
        IsPhysical = true;
    }

    public static Instruction Relabel(Instruction instruction, int[] map) => instruction switch
    {
        Instruction.Gate g => g with { Targets = Map(g.Targets, map) },
        Instruction.Measure m => m with { Qubit = map[m.Qubit] },
        Instruction.Reset r => r with { Qubit = map[r.Qubit] },
        Instruction.Barrier b => b with { Targets = Map(b.Targets, map) },
        Instruction.Delay d => d with { Targets = Map(d.Targets, map) },
        _ => throw new InvalidOperationException("unreachable"),
    };

    private static EquatableArray<int> Map(EquatableArray<int> qubits, int[] map)
    {
        if (qubits.Count == 1) return Synthesis.GateSink.On(map[qubits[0]]);
        var mapped = new int[qubits.Count];
        for (var i = 0; i < mapped.Length; i++) mapped[i] = map[qubits[i]];
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(mapped);
    }
}
