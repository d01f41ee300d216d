using Qonduit.Circuits.Expressions;
using Qonduit.Circuits.Ir;
using Qonduit.Devices.Bundled;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Simulation;
using Qonduit.Simulation.Estimation;
using Qonduit.Transpiler;

namespace Qonduit.Runner.Tests;

/// <summary>
/// The runner's path for a logical task, transpile then simulate, on random logical circuits (one-, two- and
/// three-qubit gates, some qubits measured, into permuted bits) on every bundled device and on generated line, ring,
/// grid and heavy-hex devices: the transpiled circuit has the source's exact outcome distribution, ends with its
/// measurements (so noiseless sampling is one simulation), and an observable read through the final permutation has
/// the source's exact value.
/// </summary>
public sealed class TranspileThenSimulateTests
{
    private const double DistributionTolerance = 1e-10;
    private const double ObservableTolerance = 1e-12;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var device in Devices.Keys)
            for (var seed = 1; seed <= 3; seed++) data.Add(device, seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_transpiled_random_circuit_has_the_sources_exact_distribution_and_samples_in_one_simulation(string deviceName, int seed)
    {
        var device = Devices[deviceName];
        var source = RandomLogicalCircuit(seed, Math.Min(5, device.NumQubits));

        var mapped = Transpiler.Transpiler.Run(source, device, new TranspileOptions(Seed: seed));

        AssertMeasurementsEndTheirQubits(mapped.Circuit);
        var expected = Exact(source, null);
        var actual = Exact(mapped.Circuit, device);
        foreach (var key in expected.Keys.Union(actual.Keys))
            Assert.True(Math.Abs(expected.GetValueOrDefault(key) - actual.GetValueOrDefault(key)) < DistributionTolerance,
                $"P({key}) is {actual.GetValueOrDefault(key)} transpiled, {expected.GetValueOrDefault(key)} logical");
        var sampled = Simulator.Run(mapped.Circuit, device, new SimulationOptions { Shots = 200, Seed = 3, Noise = false });
        Assert.Equal(1, sampled.Simulations);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_observable_read_through_the_final_permutation_equals_the_logical_value(string deviceName, int seed)
    {
        var device = Devices[deviceName];
        var qubits = Math.Min(5, device.NumQubits);
        var source = RandomLogicalCircuit(seed, qubits);
        var observable = RandomObservable(new Random(seed), qubits);

        var mapped = Transpiler.Transpiler.Run(source, device, new TranspileOptions(Seed: seed));

        var ideal = Estimator.Run(source, observable, null, new EstimatorOptions());
        var transpiled = Estimator.Run(mapped.Circuit, observable, device,
            new EstimatorOptions { Qubits = mapped.FinalPermutation, Simulation = new SimulationOptions { Noise = false } });
        Assert.Equal(ideal.Value, transpiled.Value, ObservableTolerance);
    }

    [Fact]
    public void A_sampled_observable_on_a_transpiled_circuit_agrees_with_the_ideal_value_within_three_standard_errors()
    {
        var device = Devices["ibm_fez"];
        var source = RandomLogicalCircuit(seed: 11, qubits: 4);
        const string observable = "0.5*ZZII - 0.7*IXYI + 0.3*XIIZ + IIIZ";
        var mapped = Transpiler.Transpiler.Run(source, device, new TranspileOptions(Seed: 11));

        var ideal = Estimator.Run(source, observable, null, new EstimatorOptions());
        var sampled = Estimator.Run(mapped.Circuit, observable, device,
            new EstimatorOptions { Qubits = mapped.FinalPermutation, Shots = 4000, Seed = 5, Simulation = new SimulationOptions { Noise = false } });

        Assert.InRange(Math.Abs(sampled.Value - ideal.Value), 0, 3 * sampled.StandardError!.Value);
    }

    private static readonly Dictionary<string, DeviceSnapshot> Devices = BuildDevices();

    private static Dictionary<string, DeviceSnapshot> BuildDevices()
    {
        var devices = BundledDevices.Names.ToDictionary(n => n, n => BundledDevices.TryGet(n, out var s) ? s : throw new InvalidOperationException(n));
        foreach (var (family, qubits) in new[] { (TopologyFamily.Line, 7), (TopologyFamily.Ring, 8), (TopologyFamily.Grid, 9), (TopologyFamily.HeavyHex, 27) })
        {
            var snapshot = DeviceGenerator.Generate(new GeneratorSpec(family, qubits, Seed: 2));
            devices[$"{GeneratorSpec.FamilyName(family)}-{qubits}"] = snapshot;
        }
        return devices;
    }

    private static Dictionary<string, double> Exact(Circuit circuit, DeviceSnapshot? device)
    {
        var result = Simulator.Run(circuit, device, new SimulationOptions { Exact = true, Noise = false, Top = 1 << circuit.NumClbits });
        return result.Probabilities!.ToDictionary(p => p.Outcome, p => p.Probability);
    }

    /// <summary>Routing placed nothing on a qubit after its measurement: every measurement is its qubit's last instruction.</summary>
    private static void AssertMeasurementsEndTheirQubits(Circuit circuit)
    {
        var measured = new HashSet<int>();
        foreach (var instruction in circuit.Instructions)
        {
            if (instruction is Instruction.Barrier) continue;
            Assert.False(instruction is not Instruction.Measure && instruction.Qubits.Any(measured.Contains),
                $"{instruction} acts on a measured qubit");
            if (instruction is Instruction.Measure m) measured.Add(m.Qubit);
        }
    }

    private static readonly string[] OneQubit = ["h", "x", "sx", "t", "sdg", "rz", "ry", "u"];
    private static readonly string[] TwoQubit = ["cx", "cz", "swap", "cp", "rzz", "cy", "ch"];
    private static readonly string[] ThreeQubit = ["ccx", "cswap"];

    /// <summary>
    /// A seeded logical circuit over 1q, 2q and 3q gates, then a measurement of a random subset of its qubits (at least
    /// one left out when there are three or more) into a random permutation of the classical bits.
    /// </summary>
    private static Circuit RandomLogicalCircuit(int seed, int qubits)
    {
        var random = new Random(seed * 7919 + qubits);
        var b = new CircuitBuilder();
        b.AddQuantumRegister("q", qubits);
        b.AddClassicalRegister("c", qubits);
        for (var i = 0; i < 12 * qubits; i++)
        {
            var arity = qubits >= 3 && random.Next(6) == 0 ? 3 : random.Next(2) + 1;
            var names = arity switch { 1 => OneQubit, 2 => TwoQubit, _ => ThreeQubit };
            var name = names[random.Next(names.Length)];
            var targets = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(arity).ToArray();
            var parameters = name switch
            {
                "rz" or "ry" or "cp" or "rzz" => 1,
                "u" => 3,
                _ => 0,
            };
            b.Gate(name, [.. Enumerable.Range(0, parameters).Select(_ => (ParameterExpression)(random.NextDouble() * 6 - 3))], targets);
        }
        var measured = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).Take(qubits >= 3 ? qubits - 1 : qubits).ToArray();
        var bits = Enumerable.Range(0, qubits).OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < measured.Length; i++) b.Measure(measured[i], bits[i]);
        return b.Build();
    }

    private static string RandomObservable(Random random, int qubits)
    {
        var terms = Enumerable.Range(0, 3).Select(_ =>
            FormattableString.Invariant($"{random.NextDouble() + 0.1:0.###}*{new string([.. Enumerable.Range(0, qubits).Select(_ => "IXYZ"[random.Next(4)])])}"));
        return string.Join(" + ", terms);
    }
}
