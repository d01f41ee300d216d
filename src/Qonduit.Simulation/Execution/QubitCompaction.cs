using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Noise;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// Narrows a plan to the qubits it uses. A transpiled circuit declares every qubit of its device (156 on ibm_fez)
/// but acts on a few; an idle qubit stays |0⟩ and only the acted-on ones need a place in the state. Run after the
/// noise plan is built, so calibration was looked up by physical index; the remapping keeps the acted-on qubits in
/// ascending physical order as 0…k−1. Qubits that are only measured (never acted on by a gate, reset or channel)
/// all share one extra qubit k that nothing touches: every measurement of it reads 0 before its own readout
/// error, which is exactly what measuring an idle qubit gives. Outcomes are keyed by classical bits, so the counts
/// do not change.
/// </summary>
public static class QubitCompaction
{
    /// <summary>The plan on dense qubit indices; the plan itself when that would not save a qubit.</summary>
    public static NoisyPlan Compact(NoisyPlan plan) => Compact(plan, [], out _);

    /// <summary>
    /// The same, keeping <paramref name="keep"/> in the state even when nothing acts on them (the qubits an observable
    /// reads); <paramref name="map"/>[physical] is each qubit's index in the returned plan (the identity when nothing was saved).
    /// </summary>
    public static NoisyPlan Compact(NoisyPlan plan, IEnumerable<int> keep, out int[] map)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(keep);
        var acted = new SortedSet<int>(keep);
        var measured = new HashSet<int>();
        foreach (var op in plan.Plan.Ops) Collect(op, acted, measured);
        foreach (var step in plan.Steps)
        {
            if (step is NoisyStep.Op op) Collect(op.Operation, acted, measured);
            else acted.UnionWith(((NoisyStep.Channel)step).Noise.Qubits);
        }
        var measuredOnly = measured.Any(q => !acted.Contains(q));
        var width = acted.Count + (measuredOnly ? 1 : 0);
        map = new int[plan.NumQubits];
        if (width >= plan.NumQubits)
        {
            for (var q = 0; q < map.Length; q++) map[q] = q;
            return plan;
        }
        Array.Fill(map, acted.Count);
        var dense = 0;
        foreach (var q in acted) map[q] = dense++;
        var denseMap = map;
        return new NoisyPlan(
            plan.Plan.WithOps(plan.Plan.Ops.Select(op => Remap(op, denseMap))) with { NumQubits = width },
            [.. plan.Steps.Select(step => Remap(step, denseMap))]);
    }

    private static void Collect(ExecutionOp op, SortedSet<int> acted, HashSet<int> measured)
    {
        switch (op)
        {
            case ExecutionOp.Measure m: measured.Add(m.Qubit); break;
            case ExecutionOp.Conditional c: Collect(c.Body, acted, measured); break;
            default: acted.UnionWith(op.Qubits); break;
        }
    }

    private static NoisyStep Remap(NoisyStep step, int[] map) => step switch
    {
        NoisyStep.Op op => op with { Operation = Remap(op.Operation, map) },
        NoisyStep.Channel { Noise: NoiseChannel.Depolarizing d } ch => ch with { Noise = d with { Targets = Remap(d.Targets, map) } },
        NoisyStep.Channel { Noise: NoiseChannel.Relaxation r } ch => ch with { Noise = r with { Qubit = map[r.Qubit] } },
        _ => throw new InvalidOperationException($"unknown step {step}"),
    };

    private static ExecutionOp Remap(ExecutionOp op, int[] map) => op switch
    {
        ExecutionOp.Unitary u => u with { Targets = Remap(u.Targets, map) },
        ExecutionOp.Measure m => m with { Qubit = map[m.Qubit] },
        ExecutionOp.Reset r => r with { Qubit = map[r.Qubit] },
        ExecutionOp.Conditional c => c with { Body = Remap(c.Body, map) },
        ExecutionOp.Kraus k => k with { Targets = Remap(k.Targets, map) },
        _ => throw new InvalidOperationException($"unknown operation {op}"),
    };

    private static EquatableArray<int> Remap(EquatableArray<int> qubits, int[] map) => qubits.Select(q => map[q]).ToArray();
}
