using Qonduit.Circuits.Ir;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Sampling;

namespace Qonduit.Simulation.Tests.Noise;

public sealed class TrunkSharingTests
{
    private static NoisyPlan Plan(Circuit circuit) =>
        NoisyExecution.Prepare(circuit, Calibrations.Line(3, sxError: 0.05, czError: 0.1, t1Us: 20, t2Us: 15, sxLengthNs: 400, czLengthNs: 900),
            new SimulationOptions());

    [Fact]
    public void Every_group_is_the_error_free_trunk_up_to_its_branch_point_and_differs_right_there()
    {
        var plan = Plan(NoisyCircuits.Entangling());
        var trunk = TrajectoryGroups.Trunk(plan).Ops;
        var groups = TrajectoryGroups.Expand(plan, 2000, new Xoshiro256(4));

        Assert.Contains(groups, g => g.Branch == trunk.Length && g.Plan.Ops.SequenceEqual(trunk));
        Assert.Contains(groups, g => g.Branch < trunk.Length / 2);
        foreach (var group in groups.Where(g => g.Branch < trunk.Length))
        {
            Assert.True(trunk[..group.Branch].SequenceEqual(group.Plan.Ops[..group.Branch]));
            Assert.NotEqual(trunk[group.Branch], group.Plan.Ops[group.Branch]);
        }
    }

    [Fact]
    public void Groups_branching_off_a_shared_trunk_sample_the_density_matrix_distribution_with_mid_circuit_measurement()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 3);
        b.AddClassicalRegister("c", 3);
        b.Gate("sx", 0).Gate("cz", 0, 1).Gate("sx", 1).Gate("sx", 2).Gate("cz", 1, 2).Measure(1, 1).Gate("sx", 1).Gate("cz", 0, 1).Gate("sx", 0);
        for (var q = 0; q < 3; q++) b.Measure(q, q);
        var circuit = b.Build();
        var plan = Plan(circuit);
        const int shots = 8000;

        var sampled = NoisyExecution.Sample(plan, shots, new Xoshiro256(21), ExecutionOptions.Default);
        var exact = DensityMatrixSimulator.Run(plan).Probabilities;

        Assert.True(sampled.Simulations > 100, "errors are frequent enough for many groups to branch");
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts, exact), 0, NoisyCircuits.SamplingBound(8, shots));
    }
}
