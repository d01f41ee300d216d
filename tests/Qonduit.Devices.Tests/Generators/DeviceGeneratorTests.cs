using System.Text.Json;
using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Topology;
using Qonduit.Tests.Shared;

namespace Qonduit.Devices.Tests.Generators;

public sealed class DeviceGeneratorTests
{
    public static readonly TheoryData<TopologyFamily> Families = new(Enum.GetValues<TopologyFamily>());

    private static DeviceTopology Topology(TopologyFamily family, int qubits, int seed = 0, bool ideal = false) =>
        DeviceTopology.From(DeviceGenerator.Generate(new GeneratorSpec(family, qubits, seed, ideal)));

    [Theory]
    [InlineData(127, "brisbane")]
    [InlineData(133, "torino")]
    [InlineData(156, "fez")]
    public void Heavy_hex_at_ibm_sizes_reproduces_the_ibm_coupling_map_edge_for_edge(int qubits, string backend)
    {
        using var conf = JsonDocument.Parse(File.ReadAllText(RepoPaths.IbmBackend("conf", backend)));
        var ibm = conf.RootElement.GetProperty("coupling_map").EnumerateArray()
            .Select(p => (Math.Min(p[0].GetInt32(), p[1].GetInt32()), Math.Max(p[0].GetInt32(), p[1].GetInt32())))
            .ToHashSet();
        var snapshot = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.HeavyHex, qubits));
        var generated = snapshot.Couplers.Select(c => (Math.Min(c.Control, c.Target), Math.Max(c.Control, c.Target))).ToHashSet();

        Assert.Equal(qubits, snapshot.NumQubits);
        Assert.Equal(ibm.Count, generated.Count);
        Assert.Equal(ibm.Order(), generated.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(27)]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(127)]
    [InlineData(133)]
    [InlineData(156)]
    [InlineData(433)]
    [InlineData(1121)]
    public void Heavy_hex_of_any_size_is_connected_with_degree_at_most_three(int qubits)
    {
        var topology = Topology(TopologyFamily.HeavyHex, qubits);

        Assert.Equal(qubits, topology.NumQubits);
        Assert.True(topology.IsConnected);
        Assert.True(topology.MaxDegree <= 3, $"max degree {topology.MaxDegree}");
        if (qubits >= 16) Assert.Equal(3, topology.MaxDegree);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(23)]
    [InlineData(100)]
    public void Grid_is_connected_with_degree_at_most_four(int qubits)
    {
        var topology = Topology(TopologyFamily.Grid, qubits);

        Assert.True(topology.IsConnected);
        Assert.True(topology.MaxDegree <= 4);
        if (qubits == 100) Assert.Equal(2 * 10 * 9, topology.EdgeCount);
    }

    [Theory]
    [InlineData(TopologyFamily.Line, 10, 9, 2)]
    [InlineData(TopologyFamily.Ring, 10, 10, 2)]
    [InlineData(TopologyFamily.Ring, 2, 1, 1)]
    [InlineData(TopologyFamily.Star, 10, 9, 9)]
    [InlineData(TopologyFamily.Full, 10, 45, 9)]
    [InlineData(TopologyFamily.Full, 1, 0, 0)]
    public void Simple_families_have_their_edge_counts_and_degrees(TopologyFamily family, int qubits, int edges, int maxDegree)
    {
        var topology = Topology(family, qubits);

        Assert.Equal(edges, topology.EdgeCount);
        Assert.Equal(2 * edges, topology.CouplerCount);
        Assert.Equal(maxDegree, topology.MaxDegree);
        Assert.True(topology.IsConnected);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_family_lists_couplings_both_ways_with_native_cz_and_is_a_valid_snapshot(TopologyFamily family)
    {
        var snapshot = DeviceGenerator.Generate(new GeneratorSpec(family, 20, Seed: 3));
        var topology = DeviceTopology.From(snapshot);

        Assert.Empty(SnapshotValidator.Problems(snapshot));
        Assert.Equal(["cz", "rz", "sx", "x", "id"], snapshot.NativeGates.ToArray());
        Assert.All(snapshot.Couplers, c =>
        {
            Assert.Equal("cz", c.Gate);
            Assert.True(topology.TryGetCoupler(c.Target, c.Control, out var back));
            Assert.Equal(c.Error, back.Error);
        });
        Assert.Equal($"{GeneratorSpec.FamilyName(family)}-20", snapshot.Device);
    }

    [Fact]
    public void The_same_seed_gives_the_same_device_and_another_seed_another()
    {
        var spec = new GeneratorSpec(TopologyFamily.HeavyHex, 127, Seed: 42);

        var a = SnapshotHash.Compute(DeviceGenerator.Generate(spec));
        var b = SnapshotHash.Compute(DeviceGenerator.Generate(spec));
        var c = SnapshotHash.Compute(DeviceGenerator.Generate(spec with { Seed = 43 }));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void A_qubits_calibration_depends_on_the_seed_and_its_index_only()
    {
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 10, Seed: 7));
        var grid = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Grid, 50, Seed: 7));

        Assert.Equal(line.Qubits[3].T1Us, grid.Qubits[3].T1Us);
        Assert.Equal(line.Qubits[3].GateErrors["sx"], grid.Qubits[3].GateErrors["sx"]);
        Assert.NotEqual(line.Qubits[3].T1Us, line.Qubits[4].T1Us);
    }

    [Fact]
    public void Calibration_is_drawn_around_realistic_medians()
    {
        var summary = SnapshotSummary.Of(DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.HeavyHex, 1000, Seed: 1)));
        double Median(string name) => summary.Statistics.Single(s => s.Name == name).Median;

        Assert.InRange(Median("T1"), 150, 250);
        Assert.InRange(Median("T2"), 100, 200);
        Assert.InRange(Median("sx error"), 1.5e-4, 4e-4);
        Assert.InRange(Median("cz error (couplers)"), 2e-3, 4.5e-3);
        Assert.InRange(Median("readout error"), 5e-3, 2e-2);
        Assert.Equal(0, Median("rz error"));
    }

    [Fact]
    public void Readout_is_asymmetric_and_t2_never_exceeds_twice_t1()
    {
        var qubits = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Grid, 400, Seed: 9)).Qubits;

        Assert.True(qubits.Average(q => q.ProbMeas0Prep1!.Value) > 1.5 * qubits.Average(q => q.ProbMeas1Prep0!.Value));
        Assert.All(qubits, q => Assert.True(q.T2Us <= 2 * q.T1Us));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void An_ideal_device_has_no_error_and_no_relaxation(TopologyFamily family)
    {
        var snapshot = DeviceGenerator.Generate(new GeneratorSpec(family, 12, Ideal: true));

        Assert.EndsWith("-ideal", snapshot.Device);
        Assert.All(snapshot.Qubits, q =>
        {
            Assert.Null(q.T1Us);
            Assert.Null(q.T2Us);
            Assert.Equal(0, q.ReadoutError);
            Assert.All(q.GateErrors.Values, e => Assert.Equal(0, e));
        });
        Assert.All(snapshot.Couplers, c => Assert.Equal(0, c.Error));
    }

    [Theory]
    [InlineData(TopologyFamily.Grid, 0)]
    [InlineData(TopologyFamily.Line, -4)]
    [InlineData(TopologyFamily.Full, DeviceGenerator.MaxFullQubits + 1)]
    [InlineData(TopologyFamily.HeavyHex, DeviceGenerator.MaxQubits + 1)]
    public void Impossible_sizes_are_a_typed_error(TopologyFamily family, int qubits)
    {
        var e = Assert.Throws<GeneratorException>(() => DeviceGenerator.Generate(new GeneratorSpec(family, qubits)));

        Assert.Equal(ErrorCodes.Generator.Invalid, e.Code);
        Assert.Contains(qubits.ToString(), e.Message);
    }

    [Theory]
    [InlineData("heavy-hex", TopologyFamily.HeavyHex)]
    [InlineData("GRID", TopologyFamily.Grid)]
    [InlineData("all-to-all", TopologyFamily.Full)]
    [InlineData("full", TopologyFamily.Full)]
    public void Family_names_parse_as_the_command_line_spells_them(string text, TopologyFamily expected)
    {
        Assert.True(GeneratorSpec.TryParseFamily(text, out var family));
        Assert.Equal(expected, family);
        Assert.False(GeneratorSpec.TryParseFamily("torus", out _));
    }
}
