using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Noise;

public sealed class TrajectoryBudgetTests
{
    private const int Shots = 8000;

    private static DeviceSnapshot Noisy() =>
        Calibrations.Line(3, sxError: 0.02, czError: 0.08, t1Us: 20, t2Us: 15, prob1Given0: 0.02, prob0Given1: 0.06, sxLengthNs: 400, czLengthNs: 900);

    [Fact]
    public void Counts_with_a_budget_agree_with_the_density_matrix_engine_within_the_trajectory_bound()
    {
        const int trajectories = 1000;
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = Shots, Seed = 17, Trajectories = trajectories };
        var sampled = Simulator.Run(circuit, Noisy(), options);
        var exact = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, Noisy(), options)).Probabilities;
        var ideal = DensityMatrixSimulator.Run(NoisyPlan.Build(circuit, null)).Probabilities;

        // Each outcome's frequency has variance at most p(1 − p)(1/S + 1/N), so E[TV] ≤ ½·√(k·(1/S + 1/N)); allow 3×.
        var bound = 1.5 * Math.Sqrt(8 * (1.0 / Shots + 1.0 / trajectories));
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts!, exact), 0, bound);
        Assert.True(NoisyCircuits.TotalVariation(sampled.Counts!, ideal) > bound, "the noise must be visible for the comparison to mean something");
        Assert.InRange(sampled.Simulations, 1, trajectories);
    }

    [Fact]
    public void A_seed_fixes_the_counts_under_a_budget()
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = 2000, Seed = 4, Trajectories = 50 };
        var first = Simulator.Run(circuit, Noisy(), options);
        var again = Simulator.Run(circuit, Noisy(), options);
        var other = Simulator.Run(circuit, Noisy(), options with { Seed = 5 });
        Assert.Equal(first.Counts!.OrderBy(c => c.Key), again.Counts!.OrderBy(c => c.Key));
        Assert.NotEqual(first.Counts!.OrderBy(c => c.Key), other.Counts!.OrderBy(c => c.Key));
        Assert.Equal(2000, first.Counts!.Values.Sum());
        Assert.InRange(first.Simulations, 1, 50);
    }

    [Fact]
    public void Progress_is_told_after_each_error_pattern_in_order_and_changes_no_count()
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = 2000, Seed = 4, Trajectories = 50 };
        var told = new List<(int Done, int Total)>();
        var watched = Simulator.Run(circuit, Noisy(), options with { Progress = (done, total) => told.Add((done, total)) });

        var total = told[0].Total;
        Assert.InRange(total, 1, 50);
        Assert.Equal(Enumerable.Range(1, total).Select(i => (i, total)), told);
        Assert.Equal(Simulator.Run(circuit, Noisy(), options).Counts!.OrderBy(c => c.Key), watched.Counts!.OrderBy(c => c.Key));
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(100_000)]
    public void A_budget_of_at_least_the_shot_count_is_the_per_shot_behaviour(int trajectories)
    {
        var circuit = NoisyCircuits.Entangling();
        var options = new SimulationOptions { Shots = 3000, Seed = 8 };
        var perShot = Simulator.Run(circuit, Noisy(), options);
        var budgeted = Simulator.Run(circuit, Noisy(), options with { Trajectories = trajectories });
        Assert.Equal(perShot.Counts!.OrderBy(c => c.Key), budgeted.Counts!.OrderBy(c => c.Key));
        Assert.Equal(perShot.Simulations, budgeted.Simulations);
    }

    [Fact]
    public void Every_shot_joins_one_of_the_drawn_patterns()
    {
        var slots = TrajectoryGroups.Slots(NoisyExecution.Prepare(NoisyCircuits.Entangling(), Noisy(), new SimulationOptions()));
        var groups = ErrorPattern.SampleGroups(slots, 5000, new Xoshiro256(2), trajectories: 40);
        Assert.Equal(5000, groups.Sum(g => g.Draws.Sum()));
        Assert.InRange(groups.Sum(g => g.Draws.Count), 1, 40);
        Assert.InRange(groups.Count, 1, 40);
        Assert.Equal(groups.Count, groups.Select(g => g.Pattern).Distinct().Count());
    }

    [Fact]
    public void A_budget_below_one_is_refused()
    {
        var error = Assert.Throws<SimulationRequestException>(() =>
            Simulator.Run(NoisyCircuits.Entangling(), Noisy(), new SimulationOptions { Trajectories = 0 }));
        Assert.Equal("simulation.invalid-trajectories", error.Code);
    }
}
