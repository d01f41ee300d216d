using Qonduit.Placement.Indices;

namespace Qonduit.Placement.Tests.Indices;

public sealed class IndexDeclarationTests
{
    [Fact]
    public void Defaults_are_a_15_s_interval_increasing_and_not_consumable()
    {
        var declaration = new IndexDeclaration("gpu_util", IndexType.Numeric, unit: "%", description: "GPU utilisation");
        Assert.Equal(TimeSpan.FromSeconds(15), declaration.Interval);
        Assert.True(declaration.Increasing);
        Assert.False(declaration.Consumable);
    }

    [Theory]
    [InlineData("9lives")]
    [InlineData("has-dash")]
    [InlineData("a234567890123456789012345678901234567890")]
    [InlineData("")]
    public void A_name_outside_the_pattern_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => new IndexDeclaration(name, IndexType.Numeric));
    }

    [Fact]
    public void The_longest_name_is_39_characters()
    {
        Assert.Equal(39, new IndexDeclaration("_" + new string('a', 38), IndexType.Numeric).Name.Length);
    }

    [Fact]
    public void An_interval_under_a_second_and_a_consumable_string_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IndexDeclaration("a", IndexType.Numeric, TimeSpan.FromMilliseconds(999)));
        Assert.Throws<ArgumentException>(() => new IndexDeclaration("a", IndexType.String, consumable: true));
        Assert.Throws<ArgumentException>(() => new IndexCatalog([new IndexDeclaration("a", IndexType.Numeric), new IndexDeclaration("a", IndexType.Boolean)]));
    }
}
