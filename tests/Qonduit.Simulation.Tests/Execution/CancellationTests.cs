using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class CancellationTests
{
    [Fact]
    public void A_cancelled_run_stops_inside_its_one_simulation_instead_of_finishing_it()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new SimulationOptions { Shots = 100, Seed = 1, Cancellation = cancelled.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => Simulator.Run(TestCircuits.Random(12, 200, 4), null, options));
    }

    [Fact]
    public void A_cancelled_exact_distribution_stops_too()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = new SimulationOptions { Exact = true, Cancellation = cancelled.Token };

        Assert.ThrowsAny<OperationCanceledException>(() => Simulator.Run(TestCircuits.Random(12, 200, 4), null, options));
    }

    [Fact]
    public void Applying_gates_in_slices_between_cancellation_checks_changes_no_count()
    {
        // 20 qubits: the gates of one step are applied 16 at a time, so the slicing itself is exercised.
        var plan = ExecutionPlan.FromCircuit(TestCircuits.Random(20, 400, 7));
        using var live = new CancellationTokenSource();

        var whole = ShotExecutor.Run(plan, 300, new Xoshiro256(5)).Counts;
        var sliced = ShotExecutor.Run(plan, 300, new Xoshiro256(5), new ExecutionOptions { Cancellation = live.Token }).Counts;

        Assert.Equal(whole.OrderBy(p => p.Key), sliced.OrderBy(p => p.Key));
    }
}
