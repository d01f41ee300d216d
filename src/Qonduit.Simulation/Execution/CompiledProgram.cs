using System.Collections.Immutable;
using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Simulation.Fusion;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Execution;

/// <summary>
/// A plan prepared for a precision: runs of consecutive unitaries fused and compiled, the other steps kept in order.
/// Compiled once per run and shared by every shot.
/// </summary>
internal sealed class CompiledProgram
{
    private CompiledProgram(ImmutableArray<Step> steps, int gates, int passes)
    {
        Steps = steps;
        GateCount = gates;
        PassCount = passes;
    }

    public ImmutableArray<Step> Steps { get; }

    public int GateCount { get; }

    public int PassCount { get; }

    /// <param name="unitariesOnly">
    /// drop measurements and resets: the plan is one state (<see cref="ExecutionPlan.HasTerminalMeasurementsOnly"/>), so
    /// its measurements are sampled from the final state instead and every reset left is a no-op.
    /// </param>
    public static CompiledProgram Compile(ExecutionPlan plan, int fusionQubits, bool unitariesOnly)
    {
        var steps = ImmutableArray.CreateBuilder<Step>();
        var pending = new List<ExecutionOp.Unitary>();
        var (gates, passes) = (0, 0);
        foreach (var op in plan.Ops)
        {
            if (op is ExecutionOp.Unitary unitary)
            {
                pending.Add(unitary);
                continue;
            }
            if (unitariesOnly && op is ExecutionOp.Measure or ExecutionOp.Reset) continue;
            Flush();
            steps.Add(Lower(op));
        }
        Flush();
        return new CompiledProgram(steps.ToImmutable(), gates, passes);

        void Flush()
        {
            if (pending.Count == 0) return;
            var fused = GateFusion.Fuse(pending, fusionQubits);
            gates += pending.Count;
            passes += fused.Count;
            steps.Add(new Step.Gates([.. fused.Select(f => CompiledMatrix.Compile(f.Targets, f.Matrix, f.Structure, f.Factors))]));
            pending.Clear();
        }
    }

    /// <summary>Amplitude updates between two looks at the cancellation token: one sweep of a 24-qubit state, some tens of milliseconds.</summary>
    private const long WorkBetweenChecks = 1L << 24;

    /// <summary>Runs a program compiled with <c>unitariesOnly</c> (nothing but gate steps) on the state.</summary>
    public void ApplyGates(StateVector state, CancellationToken cancellation)
    {
        foreach (var step in Steps) Apply(state, ((Step.Gates)step).Matrices, cancellation);
    }

    /// <summary>
    /// Applies fused gates in slices of about <see cref="WorkBetweenChecks"/> amplitude updates, checking for cancellation
    /// before each: a single step of a deep circuit on many qubits can otherwise keep a core busy for seconds. Small states
    /// keep long slices, so cache blocking still sees runs of many gates.
    /// </summary>
    public static void Apply(StateVector state, CompiledMatrix[] matrices, CancellationToken cancellation)
    {
        if (!cancellation.CanBeCanceled)
        {
            state.Apply(matrices);
            return;
        }
        var slice = (int)Math.Clamp(WorkBetweenChecks >> state.NumQubits, 1, int.MaxValue);
        for (var at = 0; at < matrices.Length; at += slice)
        {
            cancellation.ThrowIfCancellationRequested();
            state.Apply(new ArraySegment<CompiledMatrix>(matrices, at, Math.Min(slice, matrices.Length - at)));
        }
    }

    private static Step Lower(ExecutionOp op) => op switch
    {
        ExecutionOp.Unitary u => new Step.Gates([CompiledMatrix.Compile(u.Targets.AsSpan(), u.Matrix.AsSpan(), u.Structure)]),
        ExecutionOp.Measure m => new Step.Measure(m.Qubit, m.Clbit, m.Readout),
        ExecutionOp.Reset r => new Step.Reset(r.Qubit),
        ExecutionOp.Conditional c => new Step.Conditional(c.Condition.Clbits.ToArray(), c.Condition.Value, Lower(c.Body)),
        ExecutionOp.Kraus k => new Step.Kraus(k.Targets.ToArray(), [.. k.Operators.Select(o => o.ToArray())]),
        _ => throw new InvalidOperationException($"unknown step {op.GetType().Name}"),
    };

    internal abstract record Step
    {
        private Step() { }

        public sealed record Gates(CompiledMatrix[] Matrices) : Step;

        public sealed record Measure(int Qubit, int Clbit, ReadoutConfusion? Readout) : Step;

        public sealed record Reset(int Qubit) : Step;

        public sealed record Conditional(int[] Clbits, long Value, Step Body) : Step;

        public sealed record Kraus(int[] Targets, Complex[][] Operators) : Step;
    }

    /// <summary>The projection onto one outcome of a qubit, rescaled; for reset the |1⟩ branch is also moved to |0⟩.</summary>
    public static CompiledMatrix Collapse(int qubit, bool one, double probability, bool toZero)
    {
        var scale = 1 / Math.Sqrt(probability);
        Complex[] matrix = one
            ? toZero ? [0, scale, 0, 0] : [0, 0, 0, scale]
            : [scale, 0, 0, 0];
        return CompiledMatrix.Compile([qubit], matrix, one && toZero ? GateStructure.General : GateStructure.Diagonal);
    }
}
