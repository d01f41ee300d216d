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
/// once per draw of its pattern by the executor, as any plan with a reset: one draw per shot, or with a
/// <see cref="SimulationOptions.Trajectories"/> budget one draw per trajectory read out by all the shots it was given).
/// <para>
/// Relaxation with T1 &lt; T2 ≤ 2·T1 is amplitude damping (Kraus K0 = diag(1, √(1−γ)), K1 = √γ|0⟩⟨1|) followed by a
/// pre-sampled Z flip. The damping is unravelled by thinning: a jump candidate is pre-sampled with probability γ; without
/// one the trajectory takes K0ψ/‖K0ψ‖; with one it jumps to |0⟩⟨1|ψ/√P1 with probability P1 = ‖⟨1|ψ‖² and otherwise
/// takes K0ψ/‖K0ψ‖. That reproduces the Kraus unravelling exactly (jump with γ·P1, no jump with 1 − γ·P1, the same
/// post-states), and only the rare candidates need the state. Without a candidate K0 is inserted as a plain diagonal
/// matrix that fuses with the gates around it (every probability the executors draw from is taken relative to the
/// state's current norm, so the shrinking norm is harmless); a candidate is a <see cref="ExecutionOp.Kraus"/>
/// operation (|0⟩⟨1| then K0: the first is picked with probability P1, and the second, whose weight brings the total
/// to at least 1, otherwise), realised per trajectory.
/// </para>
/// <para>
/// Every group's operations are the error-free operations (the trunk) with its errors inserted, so a group equals
/// the trunk up to its first insertion (<see cref="TrajectoryGroup.Branch"/>): the executor simulates that prefix once
/// for all groups (<see cref="TrunkSharing"/>).
/// </para>
/// </summary>
public static class TrajectoryGroups
{
    /// <summary>
    /// The groups to execute, in a seed-determined order, each with the shots of every draw of its pattern (summing to
    /// <paramref name="shots"/>): a group the executor must run per trajectory runs one trajectory per draw.
    /// </summary>
    /// <param name="trajectories">at most this many error patterns (<see cref="SimulationOptions.Trajectories"/>); null: one per shot.</param>
    public static IReadOnlyList<TrajectoryGroup> Expand(NoisyPlan plan, int shots, Xoshiro256 rng, int? trajectories = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rng);
        var slots = Slots(plan);
        var groups = ErrorPattern.SampleGroups(slots, shots, rng, trajectories);
        return [.. groups.Select(g =>
        {
            var (ops, branch) = Ops(plan, slots, g.Pattern);
            return new TrajectoryGroup(plan.Plan.WithOps(ops), g.Draws, branch);
        })];
    }

    /// <summary>The error-free operations: what every group shares up to its <see cref="TrajectoryGroup.Branch"/>.</summary>
    public static ExecutionPlan Trunk(NoisyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var slots = Slots(plan);
        return plan.Plan.WithOps(Ops(plan, slots, new ErrorPattern([])).Ops);
    }

    /// <summary>The state-independent slots of the plan, in step order: one per channel, two (candidate, flip) per damping.</summary>
    public static IReadOnlyList<ErrorSlot> Slots(NoisyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Steps.OfType<NoisyStep.Channel>().SelectMany(c => SlotsOf(c.Noise))];
    }

    private static IEnumerable<ErrorSlot> SlotsOf(NoiseChannel channel)
    {
        switch (channel)
        {
            case NoiseChannel.Depolarizing d:
                yield return ErrorSlot.Depolarizing(d);
                break;
            case NoiseChannel.Relaxation { Parameters.IsResetMixture: true } r:
                yield return ErrorSlot.FlipOrReset(r.Qubit, r.Parameters.ResetMixtureFlipProbability, r.Parameters.DampingProbability);
                break;
            case NoiseChannel.Relaxation r:
                yield return ErrorSlot.JumpCandidate(r.Qubit, r.Parameters.DampingProbability);
                yield return ErrorSlot.PhaseFlip(r.Qubit, r.Parameters.PhaseFlipProbability);
                break;
            default:
                throw new InvalidOperationException($"unknown channel {channel}");
        }
    }

    /// <remarks>
    /// Amplitude damping is left out where the qubit is certainly |0⟩ (untouched, or only diagonal gates since the
    /// start or a reset): there it is the identity.
    /// </remarks>
    private static (List<ExecutionOp> Ops, int Branch) Ops(NoisyPlan plan, IReadOnlyList<ErrorSlot> slots, ErrorPattern pattern)
    {
        var drawn = pattern.Events.Select(ErrorPattern.Decode).ToDictionary(e => e.Slot, e => e.Outcome);
        var ops = new List<ExecutionOp>(plan.Steps.Length);
        var branch = -1;
        var ground = Enumerable.Repeat(true, plan.NumQubits).ToArray();
        var slot = 0;
        foreach (var step in plan.Steps)
        {
            if (step is NoisyStep.Op op)
            {
                Track(ground, op.Operation, conditional: false);
                ops.Add(op.Operation);
                continue;
            }
            var channel = (NoisyStep.Channel)step;
            foreach (var _ in SlotsOf(channel.Noise))
            {
                var current = slot++;
                var qubits = slots[current].Qubits;
                var hit = drawn.TryGetValue(current, out var outcome);
                ExecutionOp? inserted = slots[current].Outcomes[0] == ErrorSlot.Candidate
                    ? (ground[qubits[0]] ? null : Damping(((NoiseChannel.Relaxation)channel.Noise).Parameters, qubits[0], hit))
                    : !hit ? null
                    : outcome == ErrorSlot.Reset ? new ExecutionOp.Reset(qubits[0])
                    : ExecutionOp.Unitary.Of("pauli_error", qubits.AsSpan(), PauliMatrix(outcome, qubits.Count));
                if (inserted is null) continue;
                if (hit && branch < 0) branch = ops.Count;
                Track(ground, inserted, conditional: channel.Condition is not null);
                ops.Add(Guarded(inserted, channel.Condition));
            }
        }
        return (ops, branch < 0 ? ops.Count : branch);
    }

    private static ExecutionOp Damping(ThermalRelaxation relaxation, int qubit, bool candidate)
    {
        var noJump = new Complex[] { 1, 0, 0, Math.Sqrt(1 - relaxation.DampingProbability) };
        if (!candidate) return new ExecutionOp.Unitary(new[] { qubit }, noJump, GateStructure.Diagonal, "amplitude_damping_no_jump");
        EquatableArray<Complex> jump = new Complex[] { 0, 1, 0, 0 };
        return new ExecutionOp.Kraus(new[] { qubit }, new[] { jump, new EquatableArray<Complex>([.. noJump]) }, "amplitude_damping_candidate");
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

/// <summary>
/// Shots that drew one error pattern: the plan with its errors inserted, the shots of each draw, and
/// <see cref="Branch"/>, how many leading operations it shares with <see cref="TrajectoryGroups.Trunk"/>.
/// </summary>
public sealed record TrajectoryGroup(ExecutionPlan Plan, IReadOnlyList<int> Draws, int Branch);
