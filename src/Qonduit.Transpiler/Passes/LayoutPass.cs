using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler.Passes;

/// <summary>Chooses the initial layout with the requested strategy; routing (or the end of the pipeline) applies it.</summary>
internal sealed class LayoutPass : ITranspilerPass
{
    public string Name => "layout";

    public string Description => "choose the initial layout: trivial, dense (densest subgraph) or noise-aware (low readout and 2q error, online qubits and available couplers only)";

    public void Run(TranspileContext context)
    {
        if (context.IsPhysical)
            throw new TranspileException(ErrorCodes.Transpile.PassOrder, "layout must run before route, translate and fix-direction, which place the circuit on physical qubits");
        context.InitialLayout = Layouts.Choose(context);
    }
}
