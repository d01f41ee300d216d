using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Pipeline;
using Qonduit.Transpiler.Routing;

namespace Qonduit.Transpiler.Passes;

/// <summary>
/// Places the circuit on physical qubits and inserts swaps so that every two-qubit gate meets a usable coupler. The
/// final measurements (<see cref="FinalMeasurements"/>) are set aside and appended on the final layout, so the routed
/// circuit still ends with its readout and measures each logical qubit where it ended.
/// </summary>
internal sealed class RoutePass : ITranspilerPass
{
    public string Name => "route";

    public string Description => "insert swaps (SABRE with lookahead and decay, or the greedy shortest-path baseline) over available couplers only";

    public void Run(TranspileContext context)
    {
        if (context.IsPhysical)
            throw new TranspileException(ErrorCodes.Transpile.PassOrder, "route must run before translate and fix-direction, which place the circuit on physical qubits");
        if (context.Instructions.Any(i => i is Circuits.Ir.Instruction.Gate { Targets.Count: > 2 }))
            throw new TranspileException(ErrorCodes.Transpile.PassOrder, "route needs gates of at most two qubits: run unroll before it");
        var layout = context.InitialLayout ??= Layouts.Trivial(context);
        var graph = context.Coupling;
        var (body, tail) = FinalMeasurements.Split(context.Instructions, context.LogicalQubits, context.Source.NumClbits);
        var result = context.Options.Routing switch
        {
            RoutingStrategy.Greedy => GreedyRouter.Route(body, layout, graph),
            _ => new SabreRouter(graph, context.Options.Seed, Trials(context))
                .Route(new DependencyGraph(body, context.LogicalQubits, context.Source.NumClbits), layout),
        };
        result.Instructions.AddRange(tail.Select(i => TranspileContext.Relabel(i, result.FinalLayout)));
        context.SetRouted(result.Instructions, result.FinalLayout, result.Swaps);
    }

    /// <summary>Extra SABRE trials pay off on small circuits; on very long ones a single trial keeps time linear-ish.</summary>
    private static int Trials(TranspileContext context) =>
        context.Instructions.Count > LongCircuit ? 1 : context.Options.RoutingTrials;

    private const int LongCircuit = 20_000;
}
