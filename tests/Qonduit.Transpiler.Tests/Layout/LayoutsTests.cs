using Qonduit.Devices.Snapshots;
using Qonduit.Transpiler.Layout;
using Qonduit.Transpiler.Tests.Passes;

namespace Qonduit.Transpiler.Tests.Layout;

public sealed class LayoutsTests
{
    /// <summary>A 6-qubit line 0-1-2-3-4-5 whose left half is noisy.</summary>
    private static DeviceSnapshot Line(Func<int, QubitCalibration, QubitCalibration>? qubit = null, Func<Coupler, Coupler>? coupler = null)
    {
        var couplers = Enumerable.Range(0, 5).SelectMany(i => new[] { (i, i + 1), (i + 1, i) })
            .Select(p => new Coupler { Control = p.Item1, Target = p.Item2, Gate = "cz", Error = p.Item1 < 3 && p.Item2 < 3 ? 0.05 : 0.005 })
            .Select(c => coupler?.Invoke(c) ?? c);
        return new DeviceSnapshot
        {
            Device = "line-6",
            NativeGates = ["cz", "rz", "sx", "x"],
            Qubits = [.. Enumerable.Range(0, 6).Select(i => new QubitCalibration { Index = i, ReadoutError = i < 3 ? 0.1 : 0.01 }).Select(q => qubit?.Invoke(q.Index, q) ?? q)],
            Couplers = [.. couplers],
        };
    }

    private static readonly Circuits.Ir.Circuit Pair = PassTestKit.Build(2, b => b.Gate("cx", 0, 1).Measure(0, 0).Measure(1, 1));

    [Fact]
    public void Trivial_layout_is_the_identity_when_those_qubits_are_usable()
    {
        Assert.Equal([0, 1], Layouts.Trivial(PassTestKit.Context(Pair, Line())));
    }

    [Fact]
    public void Noise_aware_layout_prefers_low_readout_and_coupler_error()
    {
        var layout = Layouts.NoiseAware(PassTestKit.Context(Pair, Line()));

        Assert.All(layout, p => Assert.True(p >= 3));
        Assert.Equal(1, Math.Abs(layout[0] - layout[1]));
    }

    [Fact]
    public void Noise_aware_layout_skips_offline_qubits_and_unavailable_couplers()
    {
        var device = Line(
            (i, q) => i == 4 ? q with { Status = QubitStatus.Offline } : q,
            c => (c.Control, c.Target) is (2, 3) or (3, 2) ? c with { Status = CouplerStatus.Unavailable } : c);

        var layout = Layouts.NoiseAware(PassTestKit.Context(Pair, device));

        Assert.All(layout, p => Assert.True(p < 3, $"qubit {p} is offline or cut off"));
    }

    [Fact]
    public void A_chain_that_embeds_lands_on_adjacent_qubits_with_the_lowest_errors()
    {
        var chain = PassTestKit.Build(3, b => b.Gate("cx", 0, 1).Gate("cx", 1, 2).Measure(0, 0).Measure(1, 1).Measure(2, 2));

        var layout = Layouts.NoiseAware(PassTestKit.Context(chain, Line()));

        Assert.Equal([3, 4, 5], layout.Order());
        Assert.Equal(1, Math.Abs(layout[0] - layout[1]));
        Assert.Equal(1, Math.Abs(layout[1] - layout[2]));
    }

    [Fact]
    public void A_cycle_embeds_in_a_grid_but_not_in_a_tree_where_the_search_gives_up()
    {
        var square = PassTestKit.Build(4, b => b.Gate("cx", 0, 1).Gate("cx", 1, 2).Gate("cx", 2, 3).Gate("cx", 3, 0));
        var grid = PassTestKit.Context(square, TestDevices.Grid);
        var line = PassTestKit.Context(square, Line());

        var embedded = SubgraphLayout.Find(new InteractionGraph(4, square.Instructions), grid.Coupling, grid.Coupling.Component[0]);

        Assert.NotNull(embedded);
        for (var q = 0; q < 4; q++) Assert.True(grid.Coupling.Adjacent(embedded[q], embedded[(q + 1) % 4]));
        Assert.Null(SubgraphLayout.Find(new InteractionGraph(4, square.Instructions), line.Coupling, line.Coupling.Component[0]));
    }

    [Fact]
    public void Dense_layout_picks_a_connected_region_of_distinct_qubits()
    {
        var circuit = PassTestKit.Build(4, b => b.Gate("cx", 0, 1).Gate("cx", 1, 2).Gate("cx", 2, 3).Gate("cx", 3, 0));
        var context = PassTestKit.Context(circuit, TestDevices.Grid);

        var layout = Layouts.Dense(context);

        Assert.Equal(4, layout.Distinct().Count());
        Assert.True(layout.Sum(a => layout.Count(b => context.Coupling.Adjacent(a, b))) / 2 >= 3);
    }

    [Fact]
    public void A_circuit_larger_than_the_usable_device_is_a_typed_error()
    {
        var device = Line((i, q) => i == 2 ? q with { Status = QubitStatus.Offline } : q);
        // Every qubit is used: a register's untouched qubits need no online site.
        var circuit = PassTestKit.Build(4, b =>
        {
            b.Gate("cx", 0, 1);
            b.Gate("cx", 1, 2);
            b.Gate("cx", 2, 3);
        });

        var error = Assert.Throws<TranspileException>(() => Layouts.NoiseAware(PassTestKit.Context(circuit, device)));

        Assert.Equal("transpile.too-many-qubits", error.Code);
    }
}
