using Qonduit.Circuits.Ir;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation.DensityMatrix;
using Qonduit.Simulation.Execution;
using Qonduit.Simulation.Noise;
using Qonduit.Simulation.Tests.Noise;

namespace Qonduit.Simulation.Tests.Execution;

public sealed class QubitCompactionTests
{
    private static DeviceSnapshot Fez() => BundledDevices.TryGet("ibm_fez", out var fez) ? fez : throw new InvalidOperationException("ibm_fez is bundled");

    private static Circuit Bell(int qubits, int a, int b)
    {
        var builder = new CircuitBuilder();
        builder.AddQuantumRegister("q", qubits);
        builder.AddClassicalRegister("c", 2);
        builder.Gate("sx", a).Gate("rz", [Circuits.Expressions.ParameterExpression.Of(Math.PI / 2)], a).Gate("sx", a)
            .Gate("sx", b).Gate("rz", [Circuits.Expressions.ParameterExpression.Of(Math.PI / 2)], b).Gate("sx", b)
            .Gate("cz", a, b).Gate("sx", b).Gate("rz", [Circuits.Expressions.ParameterExpression.Of(Math.PI / 2)], b).Gate("sx", b)
            .Measure(a, 0).Measure(b, 1);
        return builder.Build();
    }

    [Fact]
    public void A_bell_pair_on_qubits_150_and_151_of_ibm_fez_counts_as_on_two_qubits()
    {
        var twin = IdealTwin.Of(Fez());
        var options = new SimulationOptions { Shots = 4096, Seed = 7 };
        var wide = Simulator.Run(Bell(twin.NumQubits, 150, 151), twin, options);
        var narrow = Simulator.Run(Bell(2, 0, 1), null, options);
        Assert.Equal(narrow.Counts!.OrderBy(c => c.Key), wide.Counts!.OrderBy(c => c.Key));
        Assert.Equal(["00", "11"], wide.Counts!.Keys.Order());
        Assert.Equal(narrow.MemoryBytes, wide.MemoryBytes);
    }

    [Fact]
    public void Qubits_only_measured_share_one_idle_qubit_and_read_zero()
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 156);
        b.Gate("x", 100);
        var plan = QubitCompaction.Compact(NoisyPlan.Build(b.Build(), null));
        Assert.Equal(2, plan.NumQubits);
        var counts = Simulator.Run(b.Build(), null, new SimulationOptions { Shots = 64, Seed = 1 }).Counts!;
        Assert.Equal("1" + new string('0', 100), Assert.Single(counts).Key[^101..]);
        Assert.Equal(64, counts.Values.Single());
    }

    [Fact]
    public void A_plan_that_uses_every_qubit_is_left_as_it_is()
    {
        var plan = NoisyPlan.Build(NoisyCircuits.Entangling(), null);
        Assert.Same(plan, QubitCompaction.Compact(plan));
    }

    [Fact]
    public void Noise_on_compacted_qubits_is_the_calibration_of_their_physical_qubits()
    {
        // Qubits 5 and 6 of an 8-qubit line are far noisier than the rest: a lookup by dense index (0, 1) would miss it.
        var line = Calibrations.Line(8, sxError: 0.001, czError: 0.005, t1Us: 200, t2Us: 150, readoutError: 0.01);
        var device = line with
        {
            Qubits = [.. line.Qubits.Select(q => q.Index is 5 or 6
                ? q with { T1Us = 15, T2Us = 12, ProbMeas1Prep0 = 0.05, ProbMeas0Prep1 = 0.25 }
                : q)],
            Couplers = [.. line.Couplers.Select(c => c.Control + c.Target == 11 ? c with { Error = 0.1, GateLengthNs = 600 } : c)],
        };
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 8);
        b.AddClassicalRegister("c", 3);
        b.Gate("sx", 5).Gate("cz", 5, 6).Gate("sx", 6).Gate("x", 5).Gate("cz", 6, 5).Measure(5, 0).Measure(6, 1).Measure(2, 2);
        var circuit = b.Build();
        var options = new SimulationOptions { Shots = 8000, Seed = 3 };

        var sampled = Simulator.Run(circuit, device, options);
        var full = DensityMatrixSimulator.Run(NoisyExecution.Prepare(circuit, device, options)).Probabilities;
        var misread = DensityMatrixSimulator.Run(NoisyExecution.Prepare(Relabelled(circuit), device, options)).Probabilities;

        var bound = NoisyCircuits.SamplingBound(8, 8000);
        Assert.Equal(3, QubitCompaction.Compact(NoisyExecution.Prepare(circuit, device, options)).NumQubits);
        Assert.InRange(NoisyCircuits.TotalVariation(sampled.Counts!, full), 0, bound);
        // The exact distance between the two distributions is about 0.12: outside the sampling bound, not twice it.
        Assert.True(NoisyCircuits.TotalVariation(sampled.Counts!, misread) > bound, "qubits 0 and 1 have other calibrations");
    }

    /// <summary>The same circuit on qubits 0, 1 and 7 (what it would be if calibration were read at the dense indices).</summary>
    private static Circuit Relabelled(Circuit circuit)
    {
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", 8);
        b.AddClassicalRegister("c", 3);
        b.Gate("sx", 0).Gate("cz", 0, 1).Gate("sx", 1).Gate("x", 0).Gate("cz", 1, 0).Measure(0, 0).Measure(1, 1).Measure(7, 2);
        return b.Build();
    }
}
