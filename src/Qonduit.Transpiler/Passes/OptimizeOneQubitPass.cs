using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Each maximal run of unconditioned single-qubit gates on a qubit is multiplied out and resynthesised as
/// rz·sx·rz·sx·rz (at most two sx); the run is kept as it was when it is already native and no longer than that.
/// A run is written where it ends (just before the next operation on its qubit): only gates on other qubits lie
/// between, so the circuit is the same and no placeholder has to be filled in later.
/// </summary>
internal sealed class OptimizeOneQubitPass : ITranspilerPass
{
    public string Name => "optimize-1q";

    public string Description => "merge runs of 1q gates and resynthesise each as rz·sx·rz·sx·rz (ZYZ Euler angles, at most two sx)";

    public void Run(TranspileContext context)
    {
        var input = context.Instructions;
        var sink = new GateSink(new List<Instruction>(input.Count));
        var runs = new List<Instruction.Gate>?[Width(input)];
        foreach (var instruction in input)
        {
            if (instruction is Instruction.Gate gate && IsMergeable(gate))
            {
                (runs[gate.Targets[0]] ??= []).Add(gate);
                continue;
            }
            foreach (var q in instruction.Qubits) Flush(runs[q], q, sink);
            sink.Instructions.Add(instruction);
        }
        for (var q = 0; q < runs.Length; q++) Flush(runs[q], q, sink);
        context.Instructions = sink.Instructions;
        context.GlobalPhase += sink.GlobalPhase;
    }

    private static int Width(List<Instruction> instructions)
    {
        var width = 0;
        foreach (var instruction in instructions)
            foreach (var q in instruction.Qubits) width = Math.Max(width, q + 1);
        return width;
    }

    private static bool IsMergeable(Instruction.Gate gate)
    {
        if (gate is not { Targets.Count: 1, ControlCount: 0, Condition: null }) return false;
        foreach (var p in gate.Parameters) if (!p.IsConstant) return false;
        return true;
    }

    /// <summary>Writes the run's replacement (or the run itself) and empties it.</summary>
    private static void Flush(List<Instruction.Gate>? run, int qubit, GateSink sink)
    {
        if (run is null || run.Count == 0) return;
        var product = Matrix2.Identity;
        var alreadyNative = true;
        var runCost = 0;
        foreach (var gate in run)
        {
            product = Matrix2.Of(gate).Times(product);
            alreadyNative &= gate.Name is "rz" or "sx" or "x";
            runCost += gate.Name == "rz" ? VirtualCost : PulseCost;
        }
        Span<OneQubitStep> steps = stackalloc OneQubitStep[OneQubitSynthesis.MaxSteps];
        var count = OneQubitSynthesis.Plan(product, steps);
        var synthesised = steps[..count];
        if (alreadyNative && runCost <= Cost(synthesised)) sink.Instructions.AddRange(run);
        else
        {
            OneQubitSynthesis.Emit(synthesised, qubit, sink);
            sink.GlobalPhase += OneQubitSynthesis.PhaseOf(product, synthesised);
        }
        run.Clear();
    }

    /// <summary>sx and x are pulses; rz is virtual (a frame change), so it only breaks ties.</summary>
    private const int PulseCost = 100;

    private const int VirtualCost = 1;

    private static int Cost(ReadOnlySpan<OneQubitStep> steps)
    {
        var cost = 0;
        foreach (var step in steps) cost += step.Gate == Pulse.Rz ? VirtualCost : PulseCost;
        return cost;
    }
}
