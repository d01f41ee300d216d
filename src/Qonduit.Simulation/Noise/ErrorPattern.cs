using System.Collections.Immutable;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// The errors one shot suffered: (slot, outcome) events in slot order, where a slot is one state-independent part
/// of a channel of a <see cref="NoisyPlan"/> (<see cref="ErrorSlot"/>). Equal patterns mean equal insertions, which
/// is what lets shots share a simulation.
/// </summary>
public readonly record struct ErrorPattern(EquatableArray<long> Events)
{
    public static long Event(int slot, int outcome) => (long)slot << 16 | (uint)outcome;

    public static (int Slot, int Outcome) Decode(long @event) => ((int)(@event >> 16), (int)(@event & 0xFFFF));

    /// <summary>
    /// Samples one pattern per shot and groups equal ones, keeping groups in order of first appearance so the grouping
    /// (and every seed derived after it) is a function of the seed alone. With a <paramref name="trajectories"/> budget
    /// N below <paramref name="shots"/>, N patterns are drawn and every shot joins one of them uniformly at random
    /// (see <see cref="SimulationOptions.Trajectories"/>); patterns no shot joined are dropped.
    /// </summary>
    /// <returns>per group, the shots of each draw that had its pattern (all 1 without a budget).</returns>
    public static IReadOnlyList<(ErrorPattern Pattern, IReadOnlyList<int> Draws)> SampleGroups(
        IReadOnlyList<ErrorSlot> slots, int shots, Xoshiro256 rng, int? trajectories = null)
    {
        var draws = trajectories is { } budget && budget < shots ? budget : shots;
        var patterns = new ErrorPattern[draws];
        var events = ImmutableArray.CreateBuilder<long>();
        for (var i = 0; i < draws; i++) patterns[i] = Draw(slots, rng, events);
        var shotsOf = new int[draws];
        if (draws == shots) Array.Fill(shotsOf, 1);
        else for (var shot = 0; shot < shots; shot++) shotsOf[(int)rng.NextUInt64((ulong)draws)]++;

        var groups = new Dictionary<ErrorPattern, List<int>>();
        var order = new List<ErrorPattern>();
        for (var i = 0; i < draws; i++)
        {
            if (shotsOf[i] == 0) continue;
            if (!groups.TryGetValue(patterns[i], out var group))
            {
                groups[patterns[i]] = group = [];
                order.Add(patterns[i]);
            }
            group.Add(shotsOf[i]);
        }
        return [.. order.Select(p => (p, (IReadOnlyList<int>)groups[p]))];
    }

    private static ErrorPattern Draw(IReadOnlyList<ErrorSlot> slots, Xoshiro256 rng, ImmutableArray<long>.Builder events)
    {
        events.Clear();
        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            if (rng.NextDouble() >= slot.ErrorProbability) continue;
            events.Add(Event(s, slot.Choose(rng)));
        }
        return new ErrorPattern(events.ToImmutable());
    }
}

/// <summary>
/// A channel part the trajectory sampler draws without looking at the state: with <see cref="ErrorProbability"/>
/// one of <see cref="Outcomes"/> happens, uniformly or by <see cref="Weights"/>. An outcome is a Pauli index
/// (base-4 digits per qubit, 1 = X, 2 = Y, 3 = Z), <see cref="Reset"/> or <see cref="Candidate"/>.
/// </summary>
public sealed record ErrorSlot(EquatableArray<int> Qubits, double ErrorProbability, ImmutableArray<int> Outcomes, ImmutableArray<double> Weights)
{
    public const int Reset = 0xFFFF;

    /// <summary>A pre-sampled amplitude-damping jump candidate (see <see cref="TrajectoryGroups"/>).</summary>
    public const int Candidate = 0xFFFE;

    public static ErrorSlot Depolarizing(NoiseChannel.Depolarizing d) =>
        new(d.Targets, d.ErrorProbability, [.. Enumerable.Range(1, d.PauliCount - 1)], []);

    /// <summary>The Z flip that follows amplitude damping.</summary>
    public static ErrorSlot PhaseFlip(int qubit, double probability) => new(new[] { qubit }, probability, [3], []);

    public static ErrorSlot JumpCandidate(int qubit, double dampingProbability) => new(new[] { qubit }, dampingProbability, [Candidate], []);

    /// <summary>Aer's T2 ≤ T1 relaxation: Z with probability <paramref name="flip"/>, reset to |0⟩ with <paramref name="reset"/>.</summary>
    public static ErrorSlot FlipOrReset(int qubit, double flip, double reset) =>
        new(new[] { qubit }, flip + reset, [3, Reset], [flip, reset]);

    public int Choose(Xoshiro256 rng)
    {
        if (Outcomes.Length == 1) return Outcomes[0];
        if (Weights.IsEmpty) return Outcomes[(int)rng.NextUInt64((ulong)Outcomes.Length)];
        var u = rng.NextDouble() * Weights.Sum();
        for (var i = 0; i < Outcomes.Length - 1; i++)
            if ((u -= Weights[i]) < 0) return Outcomes[i];
        return Outcomes[^1];
    }
}
