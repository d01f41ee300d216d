using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Simulation.State;

namespace Qonduit.Simulation.Tests;

public sealed class SimulatorWarmupTests
{
    [Theory]
    [InlineData(Precision.Single)]
    [InlineData(Precision.Double)]
    public void A_warmup_leaves_the_counts_of_a_seeded_run_as_they_were(Precision precision)
    {
        var options = new SimulationOptions { Shots = 200, Seed = 7, Precision = precision };
        var before = Simulator.Run(Layers(16), null, options).Counts!;
        SimulatorWarmup.Run(options);
        var after = Simulator.Run(Layers(16), null, options).Counts!;
        Assert.Equal(before.OrderBy(c => c.Key), after.OrderBy(c => c.Key));
    }

    [Fact]
    public void A_sampled_run_reports_allocating_the_state_apart_from_simulating()
    {
        var result = Simulator.Run(Layers(18), null, new SimulationOptions { Shots = 10, Seed = 1 });
        Assert.True(result.Timings.StateMs > 0);
        Assert.True(result.Timings.SimulateMs > 0);
    }

    private static Circuit Layers(int n)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", n);
        b.AddClassicalRegister("c", n);
        for (var q = 0; q < n; q++) b.Gate("ry", [(ParameterExpression)(0.1 * q + 0.2)], q);
        for (var q = 0; q + 1 < n; q++) b.Gate("cx", q, q + 1);
        for (var q = 0; q < n; q++) b.Measure(q, q);
        return b.Build();
    }
}
