using System.Collections.Immutable;
using System.Diagnostics;
using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;
using Qonduit.Transpiler.Pipeline;

namespace Qonduit.Transpiler;

/// <summary>
/// Maps a logical circuit onto a device snapshot: a pipeline of named passes (<see cref="Passes"/>) driven only by the
/// snapshot's data (native gates, couplers and their direction, status and errors). The runner and the control plane
/// call <see cref="Run(Circuit, DeviceSnapshot, TranspileOptions?)"/>.
/// </summary>
public static class Transpiler
{
    public static IReadOnlyList<PassInfo> Passes => PassCatalog.Infos;

    public static IReadOnlyList<string> DefaultPasses => PassCatalog.Default;

    public static TranspileResult Run(Circuit circuit, DeviceSnapshot device, TranspileOptions? options = null) =>
        Run(circuit, device, DeviceTopology.From(device), options);

    /// <summary>With a topology already built for the snapshot (a service transpiling many circuits builds it once).</summary>
    public static TranspileResult Run(Circuit circuit, DeviceSnapshot device, DeviceTopology topology, TranspileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(device);
        options ??= TranspileOptions.Default;
        var clock = Stopwatch.StartNew();
        var passes = (options.Passes ?? PassCatalog.Default).Select(PassCatalog.Get).ToArray();
        var context = new TranspileContext(circuit, device, options, topology);
        foreach (var pass in passes) pass.Run(context);
        context.EnsurePhysical();

        var output = new Circuit(
            new[] { new QuantumRegister("q", device.NumQubits, 0) },
            circuit.ClassicalRegisters,
            context.Instructions.ToArray(),
            Phase(circuit.GlobalPhase, context.GlobalPhase),
            EquatableArray<string>.Empty,
            EquatableArray<string>.Empty);
        clock.Stop();
        return new TranspileResult(
            output,
            [.. context.InitialLayout!],
            [.. context.FinalLayout!],
            CircuitSize.Of(circuit),
            CircuitSize.Of(output),
            context.SwapsAdded,
            clock.Elapsed,
            [.. passes.Select(p => p.Name)]);
    }

    /// <summary>The source's phase plus what the passes added, folded into (-π, π] when it is a number.</summary>
    private static ParameterExpression Phase(ParameterExpression source, double added)
    {
        if (!source.IsConstant) return source + added;
        return Synthesis.OneQubitSynthesis.Normalize(source.Evaluate() + added);
    }
}
