using System.Diagnostics;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Noise;

/// <summary>
/// Runs trajectory groups so that the error-free prefix is simulated once. A group equals the trunk (the error-free
/// operations) up to its first inserted error; groups are taken in order of that branch point, the trunk state is
/// advanced to it, copied, and only the rest of the group (its errors and the operations after them) is simulated on
/// the copy. Each group is still sampled from exactly its own final state: this changes the cost, not the result's
/// distribution. With errors spread evenly, a group costs the part of the circuit after its first error instead of all
/// of it, and errors near the end (which otherwise cost a full simulation) cost little more than a copy and a sample.
/// <para>
/// Only the trunk's leading unitaries are shared: a mid-circuit measurement or reset in the circuit makes the trunk
/// itself random, so groups branch at the latest at that point.
/// </para>
/// </summary>
internal static class TrunkSharing
{
    /// <summary>The trunk, the group being run and a trajectory snapshot must fit side by side.</summary>
    public static bool Fits(ExecutionPlan plan, ExecutionOptions options) => StateVectorLimits.Fits(plan.NumQubits, options.Precision, 3);

    public static ShotResult Run(ExecutionPlan trunk, IReadOnlyList<TrajectoryGroup> groups, Xoshiro256 rng, ExecutionOptions options, Action<int, int>? progress = null)
    {
        var ops = trunk.Ops;
        var shared = 0;
        while (shared < ops.Length && ops[shared] is ExecutionOp.Unitary) shared++;
        var clock = Stopwatch.StartNew();
        using var trunkState = StateVector.Create(trunk.NumQubits, options.Precision);
        using var work = StateVector.Create(trunk.NumQubits, options.Precision);
        var stateMs = clock.Elapsed.TotalMilliseconds;
        trunkState.Parallel = work.Parallel = options.Parallel;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var (simulations, at, perShot, done) = (0, 0, false, 0);
        // Stable order: groups with the same branch point keep the seed-determined order of their patterns.
        foreach (var group in groups.OrderBy(g => Math.Min(g.Branch, shared)))
        {
            var branch = Math.Min(group.Branch, shared);
            if (branch > at) Advance(trunkState, trunk, at, branch, options);
            at = Math.Max(at, branch);
            var rest = group.Plan.WithOps(group.Plan.Ops[branch..]);
            var result = ShotExecutor.Run(rest, group.Draws, rng, options, work, trunkState);
            simulations += result.Simulations;
            perShot |= !rest.WithTerminalMeasurementsLast(startsInZero: false).MeasuresOnlyAtEnd;
            foreach (var (key, hits) in result.Counts) counts[key] = counts.GetValueOrDefault(key) + hits;
            progress?.Invoke(++done, groups.Count);
        }
        var whole = CompiledProgram.Compile(trunk, options.FusionQubits, unitariesOnly: trunk.HasTerminalMeasurementsOnly);
        return new ShotResult(counts, groups.Sum(g => g.Draws.Sum()), simulations, whole.GateCount, whole.PassCount, work.Bytes * (perShot ? 3 : 2))
        {
            StateMs = stateMs,
        };
    }

    private static void Advance(StateVector state, ExecutionPlan trunk, int from, int to, ExecutionOptions options)
    {
        CompiledProgram.Compile(trunk.WithOps(trunk.Ops[from..to]), options.FusionQubits, unitariesOnly: true).ApplyGates(state, options.Cancellation);
    }
}
