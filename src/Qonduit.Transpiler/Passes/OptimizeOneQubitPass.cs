using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Each maximal run of unconditioned single-qubit gates on a qubit is multiplied out and resynthesised as
/// rz·sx·rz·sx·rz (at most two sx); the run is kept as it was when it is already native and no longer than that.
/// </summary>
internal sealed class OptimizeOneQubitPass : ITranspilerPass
{
    public string Name => "optimize-1q";

    public string Description => "merge runs of 1q gates and resynthesise each as rz·sx·rz·sx·rz (ZYZ Euler angles, at most two sx)";

    public void Run(TranspileContext context)
    {
        var slots = new List<List<Instruction>>(context.Instructions.Count);
        var runs = new Dictionary<int, (int Slot, List<Instruction.Gate> Gates)>();
        var phase = 0.0;

        void Flush(int qubit)
        {
            if (!runs.Remove(qubit, out var run)) return;
            var (replacement, runPhase) = Resynthesise(run.Gates, qubit);
            slots[run.Slot] = replacement;
            phase += runPhase;
        }

        foreach (var instruction in context.Instructions)
        {
            if (instruction is Instruction.Gate gate && IsMergeable(gate))
            {
                var q = gate.Targets[0];
                if (!runs.TryGetValue(q, out var run))
                {
                    run = (slots.Count, []);
                    slots.Add([]);
                    runs[q] = run;
                }
                run.Gates.Add(gate);
                continue;
            }
            foreach (var q in instruction.Qubits) Flush(q);
            slots.Add([instruction]);
        }
        foreach (var q in runs.Keys.ToArray()) Flush(q);
        context.Instructions = [.. slots.SelectMany(s => s)];
        context.GlobalPhase += phase;
    }

    private static bool IsMergeable(Instruction.Gate gate) =>
        gate is { Targets.Count: 1, ControlCount: 0, Condition: null } && gate.Parameters.All(p => p.IsConstant);

    private static (List<Instruction>, double) Resynthesise(List<Instruction.Gate> run, int qubit)
    {
        Complex[] product = [1, 0, 0, 1];
        foreach (var gate in run)
            if (gate.Name is not ("id" or "u0")) product = Unitary2.Mul(GateLibrary.Matrix(gate), product);
        var sink = new GateSink();
        OneQubitSynthesis.Emit(product, qubit, sink);
        var alreadyNative = run.All(g => NativeTarget.OneQubitBasis.Contains(g.Name));
        if (alreadyNative && Cost(run) <= Cost(sink.Instructions)) return ([.. run], 0);
        return (sink.Instructions, sink.GlobalPhase);
    }

    /// <summary>sx and x are pulses; rz is virtual (a frame change), so it only breaks ties.</summary>
    private static int Cost(IEnumerable<Instruction> gates) => gates.Sum(g => g is Instruction.Gate { Name: "rz" } ? 1 : 100);
}
