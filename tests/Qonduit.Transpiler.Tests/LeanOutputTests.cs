using Qonduit.Circuits.Ir;
using Qonduit.Circuits.Qasm;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Tests.Shared;
using Qonduit.Transpiler.Tests.Passes;
using Qonduit.Transpiler.Tests.Verification;

namespace Qonduit.Transpiler.Tests;

/// <summary>
/// What the transpiler must not add: a circuit whose interaction graph fits the device gets no swap, a native circuit
/// gains no two-qubit gate, and transpiling a transpiled circuit again never adds one.
/// </summary>
public sealed class LeanOutputTests
{
    private static readonly Dictionary<string, DeviceSnapshot> Devices = new()
    {
        ["line-16"] = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 16, Seed: 3)),
        ["ring-8"] = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Ring, 8, Seed: 3)),
        ["grid-25"] = TestDevices.Grid,
        ["heavy-hex-27"] = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.HeavyHex, 27, Seed: 3)),
        ["ibm_fez"] = TestDevices.Fez,
        ["ibm_brisbane"] = TestDevices.Brisbane,
    };

    [Theory]
    [InlineData("line-16", 3)]
    [InlineData("line-16", 16)]
    [InlineData("ring-8", 3)]
    [InlineData("ring-8", 8)]
    [InlineData("grid-25", 12)]
    [InlineData("heavy-hex-27", 10)]
    [InlineData("ibm_fez", 20)]
    [InlineData("ibm_brisbane", 20)]
    public void A_ghz_chain_that_fits_the_device_gets_n_minus_one_two_qubit_gates_and_no_swap(string device, int n)
    {
        var ghz = PassTestKit.Build(n, b =>
        {
            b.Gate("h", 0);
            for (var q = 1; q < n; q++) b.Gate("cx", q - 1, q);
            for (var q = 0; q < n; q++) b.Measure(q, q);
        });

        var result = Transpiler.Run(ghz, Devices[device]);

        Assert.Equal(0, result.SwapsAdded);
        Assert.Equal(n - 1, result.After.TwoQubitGates);
        if (n <= 8) Equivalence.AssertEquivalent(Equivalence.WithRandomInputs(ghz, n), Transpiler.Run(Equivalence.WithRandomInputs(ghz, n), Devices[device]), Devices[device]);
    }

    [Fact]
    public void The_readme_bell_circuit_native_to_ibm_fez_keeps_its_one_cz()
    {
        var bell = QasmParser.Parse("""
            OPENQASM 2.0;
            include "qelib1.inc";
            qreg q[2];
            creg c[2];
            rz(pi/2) q[0]; sx q[0]; rz(pi/2) q[0];
            rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];
            cz q[0],q[1];
            rz(pi/2) q[1]; sx q[1]; rz(pi/2) q[1];
            measure q -> c;
            """);

        var result = Transpiler.Run(bell, TestDevices.Fez);

        Assert.Equal(1, result.After.TwoQubitGates);
        Assert.Equal(0, result.SwapsAdded);
    }

    [Fact]
    public void A_cz_pair_and_a_swap_next_to_its_cx_shrink_to_what_their_unitary_needs()
    {
        var circuit = PassTestKit.Build(2, b =>
        {
            b.Gate("cz", 0, 1);
            b.Gate("cz", 0, 1);
            b.Gate("cx", 0, 1);
            b.Gate("swap", 0, 1);
        });

        var result = Transpiler.Run(circuit, Devices["line-16"]);

        Assert.Equal(2, result.After.TwoQubitGates);
        Equivalence.AssertEquivalent(circuit, result, Devices["line-16"]);
    }

    public static TheoryData<string, string> Retranspile()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(RepoPaths.QasmBench("small"), "*.qasm").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!Parses(file, out var circuit) || circuit.Instructions.Count > MaxGates) continue;
            foreach (var device in new[] { "ibm_fez", "ibm_brisbane", "grid-25" }) data.Add(name, device);
        }
        return data;
    }

    /// <summary>
    /// The small QASMBench files under <see cref="MaxGates"/> instructions (the longer ones only slow the test; the
    /// bench transpiles all of small and medium).
    /// </summary>
    [Theory]
    [MemberData(nameof(Retranspile))]
    public void Transpiling_a_transpiled_circuit_again_adds_no_two_qubit_gate(string file, string deviceName)
    {
        var device = Devices.TryGetValue(deviceName, out var d) ? d : TestDevices.ByName(deviceName);
        Parses(RepoPaths.Data("qasmbench", "small", file), out var circuit);
        if (circuit.NumQubits > device.NumQubits) return;

        var once = Transpiler.Run(circuit, device, new TranspileOptions(Seed: 3));
        var twice = Transpiler.Run(once.Circuit, device, new TranspileOptions(Seed: 3));

        Assert.True(twice.After.TwoQubitGates <= once.After.TwoQubitGates, $"{once.After.TwoQubitGates} → {twice.After.TwoQubitGates}");
        Assert.Equal(0, twice.SwapsAdded);
    }

    private const int MaxGates = 3000;

    private static bool Parses(string path, out Circuit circuit)
    {
        try
        {
            circuit = QasmParser.ParseFile(path);
            return true;
        }
        catch (QasmException)
        {
            circuit = null!;
            return false;
        }
    }
}
