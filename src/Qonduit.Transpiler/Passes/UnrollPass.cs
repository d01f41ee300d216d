using Qonduit.Circuits.Ir;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Synthesis;

namespace Qonduit.Transpiler.Passes;

/// <summary>Every gate of more than one qubit other than cx, and every `ctrl @` form, down to 1q gates and cx.</summary>
internal sealed class UnrollPass : ITranspilerPass
{
    public string Name => "unroll";

    public string Description => "decompose custom, multi-qubit and multi-controlled gates into 1q gates and cx (exact, global phase kept)";

    public void Run(TranspileContext context)
    {
        var opaque = context.Source.OpaqueGates.ToHashSet(StringComparer.Ordinal);
        var sink = new GateSink(new List<Instruction>(context.Instructions.Count));
        foreach (var instruction in context.Instructions)
        {
            if (instruction is not Instruction.Gate gate)
            {
                sink.Add(instruction);
                continue;
            }
            if (opaque.Contains(gate.Name))
                throw new TranspileException(ErrorCodes.Transpile.OpaqueGate, $"gate '{gate.Name}' is declared opaque: it has no definition to transpile");
            if (Unroller.IsPrimitive(gate))
            {
                sink.Add(gate);
                continue;
            }
            sink.Condition = gate.Condition;
            Unroller.Unroll(gate, sink);
            sink.Condition = null;
        }
        context.Instructions = sink.Instructions;
        context.GlobalPhase += sink.GlobalPhase;
    }
}
