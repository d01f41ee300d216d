using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// A native two-qubit gate whose ordered pair is not an available coupler, while the reverse pair is, is rewritten as
/// the reversed gate with single-qubit corrections around it (nothing for a symmetric cz, Hadamards for cx, Clifford
/// corrections for ecr); the corrections are found from the gate's matrix, not from its vendor.
/// </summary>
internal sealed class FixDirectionPass : ITranspilerPass
{
    public string Name => "fix-direction";

    public string Description => "turn two-qubit gates on one-way couplers (e.g. ecr) into the available direction with 1q gates around them";

    public void Run(TranspileContext context)
    {
        context.EnsurePhysical();
        var target = new NativeTarget(context.Device, context.Topology);
        // Translation already builds cx in each coupler's direction, so usually nothing is reversed: keep the list then.
        if (!context.Instructions.Any(i => NeedsReversal(i, target))) return;
        var sink = new GateSink(new List<Instruction>(context.Instructions.Count));
        foreach (var instruction in context.Instructions)
        {
            if (NeedsReversal(instruction, target))
            {
                var gate = (Instruction.Gate)instruction;
                sink.Condition = gate.Condition;
                target.Reverse(gate.Name, gate.Targets[0], gate.Targets[1], sink);
                sink.Condition = null;
                continue;
            }
            sink.Add(instruction);
        }
        context.Instructions = sink.Instructions;
        context.GlobalPhase += sink.GlobalPhase;
    }

    private static bool NeedsReversal(Instruction instruction, NativeTarget target) =>
        instruction is Instruction.Gate { Targets.Count: 2, ControlCount: 0 } gate
        && !target.IsAvailable(gate.Targets[0], gate.Targets[1], gate.Name)
        && target.IsAvailable(gate.Targets[1], gate.Targets[0], gate.Name);
}
