using Qonduit.Devices.Generators;
using Qonduit.Devices.Snapshots;
using Qonduit.Devices.Tests.Import;
using Qonduit.Devices.Topology;

namespace Qonduit.Devices.Tests.Topology;

public sealed class DeviceTopologyTests
{
    [Fact]
    public void Couplers_are_looked_up_by_ordered_pair()
    {
        var topology = DeviceTopology.From(IbmBackendImporterTests.ImportShared("brisbane"));
        var first = topology.Snapshot.Couplers[0];

        Assert.True(topology.TryGetCoupler(first.Control, first.Target, out var coupler));
        Assert.Same(first, coupler);
        Assert.False(topology.TryGetCoupler(first.Target, first.Control, out _));
        Assert.True(topology.AreCoupled(first.Target, first.Control));
    }

    [Fact]
    public void Neighbours_and_degrees_ignore_direction_and_count_each_pair_once()
    {
        var topology = DeviceTopology.From(DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Star, 5)));

        Assert.Equal([1, 2, 3, 4], topology.Neighbours(0).ToArray());
        Assert.Equal([0], topology.Neighbours(3).ToArray());
        Assert.Equal(4, topology.Degree(0));
        Assert.Equal(4, topology.EdgeCount);
        Assert.Equal(8, topology.CouplerCount);
    }

    [Fact]
    public void The_usable_graph_drops_unavailable_couplers_and_offline_qubits()
    {
        var line = DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Line, 5));
        var damaged = line with
        {
            Qubits = line.Qubits.SetItem(4, line.Qubits[4] with { Status = QubitStatus.Offline }),
            Couplers = [.. line.Couplers.Select(c => (c.Control, c.Target) is (1, 2) ? c with { Status = CouplerStatus.Unavailable } : c)],
        };

        var all = DeviceTopology.From(damaged);
        var usable = DeviceTopology.From(damaged, usableOnly: true);

        Assert.Equal(4, all.EdgeCount);
        Assert.True(usable.TryGetCoupler(2, 1, out _));
        Assert.False(usable.TryGetCoupler(1, 2, out _));
        Assert.False(usable.AreCoupled(3, 4));
        Assert.Equal(0, usable.Degree(4));
        Assert.False(usable.IsConnected);
    }

    [Fact]
    public void Distances_are_hop_counts_along_the_coupling_graph()
    {
        var topology = DeviceTopology.From(DeviceGenerator.Generate(new GeneratorSpec(TopologyFamily.Ring, 8)));

        Assert.Equal([0, 1, 2, 3, 4, 3, 2, 1], topology.Distances(0));
    }
}
