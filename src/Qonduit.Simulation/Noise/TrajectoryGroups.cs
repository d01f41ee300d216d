using System.Collections.Immutable;
using System.Numerics;
using Qonduit.Circuits.Gates;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// Realises a <see cref="NoisyPlan"/> with quantum trajectories. Every part of a channel that does not depend on the
/// state is pre-sampled per shot (<see cref="ErrorSlot"/>): a depolarisation becomes a Pauli drawn uniformly from the
/// non-identity ones with probability p·(4^n − 1)/4^n; a relaxation with T2 ≤ T1 becomes Aer's exact mixture of
/// identity, Z and reset to |0⟩. Shots whose sampled <see cref="ErrorPattern"/> is the same form one group: one plan
/// with those operations inserted, executed once with the group's shot count (a group that drew a reset is simulated
/// per shot by the executor, as any plan with a reset). Relaxation with T1 &lt; T2 ≤ 2·T1 is not a mixture of
/// state-independent parts: it stays in every group's plan as amplitude damping, an <see cref="ExecutionOp.Kraus"/>
/// operation realised per trajectory, followed by a pre-sampled Z flip (see <see cref="ThermalRelaxation"/>).
/// </summary>
public static class TrajectoryGroups
{
    /// <summary>The groups to execute, in a seed-determined order, with their shot counts (summing to <paramref name="shots"/>).</summary>
    public static IReadOnlyList<(ExecutionPlan Plan, int Shots)> Expand(NoisyPlan plan, int shots, Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rng);
        var slots = Slots(plan);
        var groups = ErrorPattern.SampleGroups(slots, shots, rng);
        return [.. groups.Select(g => (plan.Plan.WithOps(Ops(plan, slots, g.Pattern)), g.Shots))];
    }

    /// <summary>The state-independent slots of the plan: one per channel, in step order.</summary>
    public static IReadOnlyList<ErrorSlot> Slots(NoisyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Steps.OfType<NoisyStep.Channel>().Select(c => c.Noise switch
        {
            NoiseChannel.Depolarizing d => ErrorSlot.Depolarizing(d),
            NoiseChannel.Relaxation { Parameters.IsResetMixture: true } r =>
                ErrorSlot.FlipOrReset(r.Qubit, r.Parameters.ResetMixtureFlipProbability, r.Parameters.DampingProbability),
            NoiseChannel.Relaxation r => ErrorSlot.PhaseFlip(r.Qubit, r.Parameters.PhaseFlipProbability),
            _ => throw new InvalidOperationException($"unknown channel {c.Noise}"),
        })];
    }

    /// <remarks>
    /// Amplitude damping is left out where the qubit is certainly |0⟩ (untouched, or only diagonal gates since the
    /// start or a reset): there it is the identity, and leaving it out keeps such groups to one simulation.
    /// </remarks>
    private static IEnumerable<ExecutionOp> Ops(NoisyPlan plan, IReadOnlyList<ErrorSlot> slots, ErrorPattern pattern)
    {
        var events = pattern.Events;
        var nextEvent = 0;
        var slot = 0;
        var ground = Enumerable.Repeat(true, plan.NumQubits).ToArray();
        foreach (var step in plan.Steps)
        {
            if (step is NoisyStep.Op op)
            {
                Track(ground, op.Operation, conditional: false);
                yield return op.Operation;
                continue;
            }
            var channel = (NoisyStep.Channel)step;
            if (channel.Noise is NoiseChannel.Relaxation { Parameters: { IsResetMixture: false, DampingProbability: > 0 } relaxation } r
                && !ground[r.Qubit])
                yield return Guarded(new ExecutionOp.Kraus(new[] { r.Qubit }, Damping(relaxation), "amplitude_damping"), channel.Condition);
            if (nextEvent < events.Count && ErrorPattern.Decode(events[nextEvent]) is var (s, outcome) && s == slot)
            {
                var qubits = slots[s].Qubits;
                var inserted = outcome == ErrorSlot.Reset
                    ? (ExecutionOp)new ExecutionOp.Reset(qubits[0])
                    : ExecutionOp.Unitary.Of("pauli_error", qubits.AsSpan(), PauliMatrix(outcome, qubits.Count));
                Track(ground, inserted, conditional: channel.Condition is not null);
                yield return Guarded(inserted, channel.Condition);
                nextEvent++;
            }
            slot++;
        }
    }

    /// <summary>Keeps <paramref name="ground"/>[q] true only while qubit q is certainly |0⟩.</summary>
    private static void Track(bool[] ground, ExecutionOp op, bool conditional)
    {
        switch (op)
        {
            case ExecutionOp.Conditional c: Track(ground, c.Body, conditional: true); break;
            case ExecutionOp.Reset r when !conditional: ground[r.Qubit] = true; break;
            case ExecutionOp.Unitary { Structure: GateStructure.Diagonal } or ExecutionOp.Measure or ExecutionOp.Reset: break;
            default:
                foreach (var q in op.Qubits) ground[q] = false;
                break;
        }
    }

    private static ExecutionOp Guarded(ExecutionOp op, ClassicalCondition? condition) =>
        condition is null ? op : new ExecutionOp.Conditional(condition, op);

    private static EquatableArray<EquatableArray<Complex>> Damping(ThermalRelaxation relaxation) =>
        relaxation.DampingKraus().Select(k => new EquatableArray<Complex>([.. k])).ToImmutableArray();

    /// <summary>The Pauli with base-4 digits (0 = I, 1 = X, 2 = Y, 3 = Z) per qubit, little-endian like gate matrices.</summary>
    public static Complex[] PauliMatrix(int pauli, int numQubits)
    {
        var dim = 1 << numQubits;
        var matrix = new Complex[dim * dim];
        for (var column = 0; column < dim; column++)
        {
            var row = column;
            var value = Complex.One;
            for (var q = 0; q < numQubits; q++)
            {
                var bit = column >> q & 1;
                switch (pauli >> (2 * q) & 3)
                {
                    case 1: row ^= 1 << q; break;
                    case 2: row ^= 1 << q; value *= bit == 0 ? Complex.ImaginaryOne : -Complex.ImaginaryOne; break;
                    case 3: if (bit == 1) value = -value; break;
                }
            }
            matrix[row * dim + column] = value;
        }
        return matrix;
    }
}
