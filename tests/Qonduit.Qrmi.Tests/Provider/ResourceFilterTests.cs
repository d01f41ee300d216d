using Qonduit.Qrmi.Provider;

namespace Qonduit.Qrmi.Tests.Provider;

public sealed class ResourceFilterTests
{
    private static readonly Dictionary<string, string> Fez = new()
    {
        ["name"] = "ibm_fez", ["type"] = "qonduit-vqpu", ["status"] = "online", ["num_qubits"] = "156", ["median_2q_error"] = "0.0029",
    };

    [Theory]
    [InlineData("num_qubits>=100&status=online&name=ibm_*", true)]
    [InlineData("num_qubits>=157", false)]
    [InlineData("num_qubits=156", true)]
    [InlineData("num_qubits!=156", false)]
    [InlineData("name=ibm_f?z", true)]
    [InlineData("name!=ibm_*", false)]
    [InlineData("status=offline", false)]
    [InlineData("median_2q_error<0.003", true)]
    [InlineData("queue_depth<5", false)]
    [InlineData("", true)]
    public void Conditions_all_have_to_hold(string filter, bool expected)
    {
        Assert.Equal(expected, ResourceFilter.Parse(filter).Matches(Fez));
    }

    [Theory]
    [InlineData("colour=blue", "unknown")]
    [InlineData("num_qubits", "attribute op value")]
    [InlineData("name>=ibm", "compares numbers")]
    public void A_bad_filter_is_a_typed_error(string filter, string expected)
    {
        var e = Assert.Throws<FilterSyntaxException>(() => ResourceFilter.Parse(filter));
        Assert.Equal("qrmi.filter-invalid", e.Code);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
