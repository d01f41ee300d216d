using Qonduit.Graphs.Definition;

namespace Qonduit.Graphs.Tests.Definition;

public sealed class MediaTypeTests
{
    [Fact]
    public void Lists_are_written_with_brackets_and_names_are_restricted_and_lower_case()
    {
        Assert.Equal(MediaType.Qasm.ListOf(), MediaType.TryParse("application/qasm[]"));
        Assert.Equal(MediaType.Qasm, MediaType.TryParse("Application/QASM"));
        Assert.Null(MediaType.TryParse("application"));
        Assert.Null(MediaType.TryParse("application/qasm; charset=utf-8"));
        Assert.Null(MediaType.TryParse("a/b/c"));
        Assert.Null(MediaType.TryParse("application/qasm[][]"));
    }

    [Fact]
    public void A_port_accepts_its_own_type_json_accepts_json_and_lists_and_octet_stream_accepts_anything()
    {
        Assert.True(MediaType.Qasm.Accepts(MediaType.Qasm));
        Assert.False(MediaType.Qasm.Accepts(MediaType.Counts));
        Assert.False(MediaType.Qasm.Accepts(MediaType.Qasm.ListOf()));
        Assert.True(MediaType.Json.Accepts(MediaType.Counts));
        Assert.True(MediaType.Json.Accepts(MediaType.Qasm.ListOf()));
        Assert.False(MediaType.Json.Accepts(MediaType.Qasm));
        Assert.True(MediaType.Bytes.Accepts(MediaType.Qasm));
        Assert.True(MediaType.Number.IsScalar && MediaType.Text.IsScalar && !MediaType.Counts.IsScalar);
    }
}
