using Qonduit.Circuits.Ir;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class SharedTrajectoryTests
{
    /// <summary>h; measure into c0 mid-circuit; h again; measure into c1 at the end.</summary>
    private static ExecutionPlan TwoCoinFlips()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 1);
        b.AddClassicalRegister("c", 2);
        b.Gate("h", 0).Measure(0, 0).Gate("h", 0).Measure(0, 1);
        return ExecutionPlan.FromCircuit(b.Build());
    }

    [Fact]
    public void Shots_of_one_trajectory_share_its_mid_circuit_outcomes_and_draw_the_final_ones_each()
    {
        var result = ShotExecutor.Run(TwoCoinFlips(), [2000], new Xoshiro256(3));
        Assert.Equal(1, result.Simulations);
        Assert.Single(result.Counts.Keys.Select(k => k[1]).Distinct());
        Assert.Equal(2, result.Counts.Count);
        Assert.InRange(result.Counts.Values.Min(), 850, 1150);
    }

    [Fact]
    public void One_shot_per_trajectory_is_the_per_shot_execution()
    {
        var plan = TwoCoinFlips();
        var perShot = ShotExecutor.Run(plan, 500, new Xoshiro256(9));
        var spread = ShotExecutor.Run(plan, Enumerable.Repeat(1, 500).ToArray(), new Xoshiro256(9));
        Assert.Equal(perShot.Counts.OrderBy(c => c.Key), spread.Counts.OrderBy(c => c.Key));
        Assert.Equal(500, spread.Simulations);
    }
}
