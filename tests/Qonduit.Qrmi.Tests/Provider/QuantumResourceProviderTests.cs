using Qonduit.Qrmi.Provider;

namespace Qonduit.Qrmi.Tests.Provider;

public sealed class QuantumResourceProviderTests
{
    private static readonly QuantumResourceProvider Three = new([
        new FakeQuantumResource("ibm_fez", qubits: 156, queueDepth: 4, lanes: 2),
        new FakeQuantumResource("ibm_torino", qubits: 133, queueDepth: 1, lanes: 1, lanesInUse: 1),
        new FakeQuantumResource("sim_small", qubits: 5),
    ]);

    [Fact]
    public async Task Attribute_filters_choose_among_three_registered_devices()
    {
        var big = await Three.SelectAsync(ResourceFilter.Parse("num_qubits>=100&status=online&name=ibm_*"));
        Assert.Equal(["ibm_fez", "ibm_torino"], big.Select(v => v.Resource.ResourceId));
        var small = await Three.SelectAsync(ResourceFilter.Parse("num_qubits<10"));
        Assert.Equal("sim_small", Assert.Single(small).Resource.ResourceId);
    }

    [Fact]
    public async Task Least_busy_weighs_queued_tasks_and_leased_lanes_per_lane()
    {
        // fez: (4 + 0) / 2 = 2; torino: (1 + 1) / 1 = 2; a tie broken by the name.
        var chosen = await Three.LeastBusyAsync(ResourceFilter.Parse("name=ibm_*"));
        Assert.Equal("ibm_fez", chosen.Resource.ResourceId);
        Assert.Equal("sim_small", (await Three.LeastBusyAsync(ResourceFilter.All)).Resource.ResourceId);
    }

    [Fact]
    public async Task Equal_load_prefers_the_lower_two_qubit_error()
    {
        var provider = new QuantumResourceProvider([
            new FakeQuantumResource("a", 5, median2q: 0.02),
            new FakeQuantumResource("b", 5, median2q: 0.01),
        ]);
        Assert.Equal("b", (await provider.LeastBusyAsync(ResourceFilter.All)).Resource.ResourceId);
    }

    [Fact]
    public async Task An_inaccessible_resource_is_offline_and_never_least_busy()
    {
        var provider = new QuantumResourceProvider([
            new FakeQuantumResource("down", 156, accessible: false),
            new FakeQuantumResource("up", 5, queueDepth: 50),
        ]);
        var offline = await provider.SelectAsync(ResourceFilter.Parse("status=offline"));
        Assert.Equal("down", Assert.Single(offline).Resource.ResourceId);
        Assert.Empty(await provider.SelectAsync(ResourceFilter.Parse("num_qubits>=100")));
        Assert.Equal("up", (await provider.LeastBusyAsync(ResourceFilter.All)).Resource.ResourceId);
    }

    [Fact]
    public async Task No_match_is_a_typed_error_naming_the_filter()
    {
        var e = await Assert.ThrowsAsync<QrmiException>(() => Three.LeastBusyAsync(ResourceFilter.Parse("num_qubits>=1000")));
        Assert.Equal("qrmi.no-matching-resource", e.Code);
        Assert.Contains("num_qubits>=1000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Looking_up_an_unknown_name_is_a_typed_error()
    {
        Assert.Throws<ResourceNotFoundException>(() => Three.Get("ibm_kyiv"));
    }
}
