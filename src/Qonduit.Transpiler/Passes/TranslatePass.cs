using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Every gate into the device's native set: 1q gates through rz·sx·rz·sx·rz synthesis, cx and swap through the pair's
/// coupler gate, anything else unrolled first. Two-qubit gates keep their argument order; fix-direction then turns
/// those that meet a one-way coupler backwards.
/// </summary>
internal sealed class TranslatePass : ITranspilerPass
{
    public string Name => "translate";

    public string Description => "rewrite into the device's native gates (rz, sx, x and each coupler's cz / ecr / cx), read from the snapshot";

    public void Run(TranspileContext context)
    {
        context.EnsurePhysical();
        var target = new NativeTarget(context.Device, context.Topology);
        var sink = new GateSink(new List<Instruction>(context.Instructions.Count * 2));
        foreach (var instruction in context.Instructions)
        {
            if (instruction is not Instruction.Gate gate)
            {
                sink.Add(instruction);
                continue;
            }
            sink.Condition = gate.Condition;
            Translate(gate, target, sink);
            sink.Condition = null;
        }
        context.Instructions = sink.Instructions;
        context.GlobalPhase += sink.GlobalPhase;
    }

    private static void Translate(Instruction.Gate gate, NativeTarget target, GateSink sink)
    {
        if (gate.ControlCount == 0 && gate.Targets.Count == 1)
        {
            if (gate.Name is "id" or "u0") return;
            if (target.IsNative(gate)) sink.Add(gate);
            else OneQubitSynthesis.Emit(GateLibrary.Matrix(gate with { Parameters = Constants(gate) }), gate.Targets[0], sink);
            return;
        }
        if (target.IsNative(gate))
        {
            sink.Add(gate);
            return;
        }
        if (gate is { Name: "cx", ControlCount: 0 })
        {
            target.Cx(gate.Targets[0], gate.Targets[1], sink);
            return;
        }
        if (gate is { Name: "swap", ControlCount: 0 })
        {
            Swap(gate.Targets[0], gate.Targets[1], target, sink);
            return;
        }
        var pieces = new GateSink();
        Unroller.Unroll(gate, pieces);
        sink.GlobalPhase += pieces.GlobalPhase;
        foreach (var piece in pieces.Instructions.Cast<Instruction.Gate>()) Translate(piece, target, sink);
    }

    /// <summary>Three cx, two of them in the direction the coupler runs natively when only one direction exists.</summary>
    private static void Swap(int a, int b, NativeTarget target, GateSink sink)
    {
        var native = target.TwoQubitGate(a, b);
        if (!target.IsAvailable(a, b, native) && target.IsAvailable(b, a, native)) (a, b) = (b, a);
        target.Cx(a, b, sink);
        target.Cx(b, a, sink);
        target.Cx(a, b, sink);
    }

    private static Circuits.Expressions.ParameterExpression[] Constants(Instruction.Gate gate) =>
        [.. Unroller.Evaluate(gate.Parameters).Select(v => (Circuits.Expressions.ParameterExpression)v)];
}
